namespace Commerce.Domain.Common;

/// <summary>
/// The domain's error codes, in one place: stable strings a client may act on, carried by every
/// <see cref="DomainFailure"/>. The host chooses the HTTP status for each (see <c>CommerceExceptionMapper</c>).
/// </summary>
public static class FailureCodes
{
    /// <summary>A rule of the domain refuses the value, the change or the transition.</summary>
    public const string ValidationError = "VALIDATION_ERROR";

    /// <summary>More units of a SKU are wanted than are in stock; meta <c>sku_code</c> and <c>available</c>.</summary>
    public const string OutOfStock = "OUT_OF_STOCK";

    /// <summary>Another request is changing the order (placing it, moving its money): reload it and retry.</summary>
    public const string Conflict = "CONFLICT";

    /// <summary>The payment gateway declined the payment.</summary>
    public const string PaymentDeclined = "PAYMENT_DECLINED";

    /// <summary>The payment gateway failed or did not answer in time.</summary>
    public const string PaymentGatewayError = "PAYMENT_GATEWAY_ERROR";

    /// <summary>A part named to the aggregate is not in it (a line item of another order).</summary>
    public const string RecordNotFound = "RECORD_NOT_FOUND";
}
