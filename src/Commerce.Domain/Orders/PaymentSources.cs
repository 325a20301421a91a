using Commerce.Domain.Common;

namespace Commerce.Domain.Orders;

/// <summary>Resource type names of payment sources, as on the wire and in <c>PaymentMethod.PaymentSourceType</c>.</summary>
public static class PaymentSourceTypes
{
    public const string ExternalPayments = "external_payments";
    public const string WireTransfers = "wire_transfers";
}

/// <summary>
/// What pays for an order (polymorphic <c>payment_source</c>). <see cref="ResourceType"/> is the
/// JSON:API type and a natural discriminator for a single table.
/// </summary>
public abstract class PaymentSource : Entity
{
    /// <summary><c>external_payments</c> or <c>wire_transfers</c>.</summary>
    public abstract string ResourceType { get; }

    /// <summary>The opaque token handed to the gateway; null when the source needs no gateway.</summary>
    public abstract string? GatewayToken { get; }

    /// <summary>The order's <c>payment_source_details</c>: safe to show, never a token.</summary>
    public virtual IReadOnlyDictionary<string, string> Details =>
        new Dictionary<string, string> { ["type"] = ResourceType };

    /// <summary>A new source (new id, no order) that pays the same way: a wallet's source, copied for each order it pays.</summary>
    public abstract PaymentSource Copy();
}

/// <summary>
/// A payment made through a gateway with a token the client got from it (<c>external_payments</c>).
/// Card data never enters the service: a token that looks like a card number is refused.
/// </summary>
public sealed class ExternalPayment : PaymentSource
{
    private ExternalPayment() => PaymentSourceToken = string.Empty;

    /// <exception cref="DomainException">VALIDATION_ERROR on <c>payment_source_token</c> when blank or a card number.</exception>
    public ExternalPayment(string paymentSourceToken)
    {
        PaymentSourceToken = Checked(paymentSourceToken);
    }

    public override string ResourceType => PaymentSourceTypes.ExternalPayments;
    public override string? GatewayToken => PaymentSourceToken;
    public string PaymentSourceToken { get; private set; }

    public override PaymentSource Copy() => new ExternalPayment(PaymentSourceToken);

    public void ChangeToken(string paymentSourceToken) => PaymentSourceToken = Checked(paymentSourceToken);

    private static string Checked(string token)
    {
        if (string.IsNullOrWhiteSpace(token))
            throw new DomainException(FailureCodes.ValidationError, "payment_source_token can't be blank", "payment_source_token");
        // The message must never echo the token: it may be a card number.
        if (CardNumber.Looks(token))
            throw new DomainException(FailureCodes.ValidationError,
                "payment_source_token looks like a card number; send a gateway token, card data is refused",
                "payment_source_token");
        return token.Trim();
    }
}

/// <summary>A bank transfer (<c>wire_transfers</c>): no gateway, placing authorizes at once.</summary>
public sealed class WireTransfer : PaymentSource
{
    public WireTransfer()
    {
    }

    public override string ResourceType => PaymentSourceTypes.WireTransfers;
    public override string? GatewayToken => null;

    public override PaymentSource Copy() => new WireTransfer();
}

/// <summary>Detects primary account numbers: 13–19 digits (spaces and dashes ignored) passing Luhn.</summary>
public static class CardNumber
{
    public static bool Looks(string value)
    {
        var digits = new List<int>(19);
        foreach (var c in value)
        {
            if (c is >= '0' and <= '9')
                digits.Add(c - '0');
            else if (c is not (' ' or '-'))
                return false;
        }

        return digits.Count is >= 13 and <= 19 && PassesLuhn(digits);
    }

    private static bool PassesLuhn(List<int> digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Count - 1; i >= 0; i--)
        {
            var d = digits[i];
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                    d -= 9;
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }
}
