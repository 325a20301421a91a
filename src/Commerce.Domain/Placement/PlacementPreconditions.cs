using Commerce.Domain.Orders;

namespace Commerce.Domain.Placement;

/// <summary>What the host knows that the order does not: stock on hand, by SKU id.</summary>
/// <param name="AvailableStock">
/// SKU id → quantity available. A SKU missing from the dictionary has 0 available. Null: stock is
/// not checked (used by <see cref="OrderPlacement"/>'s <c>Placeable</c>).
/// </param>
public sealed record PlacementContext(IReadOnlyDictionary<string, int>? AvailableStock)
{
    public static PlacementContext WithoutStock { get; } = new((IReadOnlyDictionary<string, int>?)null);
}

/// <summary>One unmet precondition, ready for a JSON:API error object (422).</summary>
/// <param name="Code"><c>VALIDATION_ERROR</c>, or <c>OUT_OF_STOCK</c>.</param>
/// <param name="Detail">Human-readable; never contains a payment token.</param>
/// <param name="SourcePointer">RFC 6901 pointer into the order document, e.g. <c>/data/relationships/line_items</c>.</param>
/// <param name="Meta">Extra facts: for OUT_OF_STOCK <c>sku_code</c> (string) and <c>available</c> (int).</param>
public sealed record PlacementFailure(string Code, string Detail, string SourcePointer, IReadOnlyDictionary<string, object>? Meta = null);

/// <summary>The pointers of <see cref="PlacementFailure"/>, as in the contract's table.</summary>
public static class PlacementPointers
{
    public const string Status = "/data/attributes/status";
    public const string LineItems = "/data/relationships/line_items";
    public const string CustomerEmail = "/data/attributes/customer_email";
    public const string BillingAddress = "/data/relationships/billing_address";
    public const string ShippingAddress = "/data/relationships/shipping_address";
    public const string ShippingMethod = "/data/relationships/shipping_method";
    public const string PaymentMethod = "/data/relationships/payment_method";
    public const string PaymentSource = "/data/relationships/payment_source";
}

/// <summary>Checks whether an order may be placed, listing <b>every</b> failure at once.</summary>
public static class PlacementPreconditions
{
    public const string ValidationError = "VALIDATION_ERROR";
    public const string OutOfStock = "OUT_OF_STOCK";

    /// <summary>
    /// In order: status draft/pending; at least one line item; customer_email present and well formed;
    /// billing address present and valid; when an item needs shipping, a valid shipping address and a
    /// shipping method that is enabled, in the order's currency and serves the shipping country;
    /// a payment method that is enabled and in the order's currency; a payment source of the method's
    /// <c>payment_source_type</c>; every SKU in stock (quantities of the same SKU summed).
    /// </summary>
    public static IReadOnlyList<PlacementFailure> Check(Order order, PlacementContext context)
    {
        var failures = new List<PlacementFailure>();
        void Fail(string pointer, string detail) => failures.Add(new(ValidationError, detail, pointer));

        if (!order.Editable)
            Fail(PlacementPointers.Status, $"the order cannot be placed: status is {order.Status}");

        if (order.LineItems.Count == 0)
            Fail(PlacementPointers.LineItems, "the order has no line items");

        if (string.IsNullOrWhiteSpace(order.CustomerEmail))
            Fail(PlacementPointers.CustomerEmail, "customer_email can't be blank");
        else if (!EmailAddress.IsWellFormed(order.CustomerEmail))
            Fail(PlacementPointers.CustomerEmail, "customer_email is not a valid email address");

        if (order.BillingAddress is null)
            Fail(PlacementPointers.BillingAddress, "billing_address is missing");
        else
            AddAddressFailures(order.BillingAddress, PlacementPointers.BillingAddress, "billing_address", Fail);

        if (order.RequiresShipping)
        {
            if (order.ShippingAddress is null)
                Fail(PlacementPointers.ShippingAddress, "shipping_address is missing and an item needs shipping");
            else
                AddAddressFailures(order.ShippingAddress, PlacementPointers.ShippingAddress, "shipping_address", Fail);

            var method = order.ShippingMethod;
            if (method is null)
                Fail(PlacementPointers.ShippingMethod, "shipping_method is missing and an item needs shipping");
            else
            {
                if (method.DisabledAt is not null)
                    Fail(PlacementPointers.ShippingMethod, "shipping_method is disabled");
                if (!string.Equals(method.CurrencyCode, order.CurrencyCode, StringComparison.OrdinalIgnoreCase))
                    Fail(PlacementPointers.ShippingMethod, $"shipping_method is not in the order's currency {order.CurrencyCode}");
                if (order.ShippingAddress?.CountryCode is { } country && !method.Serves(country))
                    Fail(PlacementPointers.ShippingMethod, $"shipping_method does not ship to {country}");
            }
        }

        var paymentMethod = order.PaymentMethod;
        if (paymentMethod is null)
            Fail(PlacementPointers.PaymentMethod, "payment_method is missing");
        else
        {
            if (!paymentMethod.IsEnabled)
                Fail(PlacementPointers.PaymentMethod, "payment_method is disabled");
            if (!string.Equals(paymentMethod.CurrencyCode, order.CurrencyCode, StringComparison.OrdinalIgnoreCase))
                Fail(PlacementPointers.PaymentMethod, $"payment_method is not in the order's currency {order.CurrencyCode}");
        }

        if (order.PaymentSource is null)
            Fail(PlacementPointers.PaymentSource, "payment_source is missing");
        else if (paymentMethod is not null && order.PaymentSource.ResourceType != paymentMethod.PaymentSourceType)
            Fail(PlacementPointers.PaymentSource,
                $"payment_source is {order.PaymentSource.ResourceType} but the payment method takes {paymentMethod.PaymentSourceType}");

        if (context.AvailableStock is { } stock)
            failures.AddRange(Stock.ShortagesOf(order, stock).Select(Stock.OutOfStock));

        return failures;
    }

    private static void AddAddressFailures(Address address, string pointer, string name, Action<string, string> fail)
    {
        var problems = address.Validate();
        if (problems.Count > 0)
            fail(pointer, $"{name} is invalid: " + string.Join("; ", problems.Select(p => $"{p.Member} {p.Message}")));
    }
}
