using Commerce.Domain.Common;
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

/// <summary>Checks whether an order may be placed, listing <b>every</b> failure at once.</summary>
public static class PlacementPreconditions
{
    /// <summary>
    /// Every unmet precondition, each a <see cref="DomainFailure"/> at the order's member it concerns (attributes
    /// <c>status</c>, <c>customer_email</c>; relationships <c>line_items</c>, <c>billing_address</c>,
    /// <c>shipping_address</c>, <c>shipping_method</c>, <c>payment_method</c>, <c>payment_source</c>).
    /// In order: status draft/pending; at least one line item; customer_email present and well formed;
    /// billing address present and valid; when an item needs shipping, a valid shipping address and a
    /// shipping method that is enabled, in the order's currency, open to the order's market and serves the shipping
    /// country; a payment method that is enabled, in the order's currency and open to the order's market; a payment source of the method's
    /// <c>payment_source_type</c>; every SKU in stock (quantities of the same SKU summed).
    /// </summary>
    public static IReadOnlyList<DomainFailure> Check(Order order, PlacementContext context)
    {
        var failures = new List<DomainFailure>();
        void Attribute(string member, string detail) => failures.Add(DomainFailure.AtAttribute(member, detail));
        void Relationship(string member, string detail) => failures.Add(DomainFailure.AtRelationship(member, detail));

        if (!order.Editable)
            Attribute("status", $"the order cannot be placed: status is {order.Status}");

        if (!order.BoughtLines.Any())
            Relationship("line_items", "the order has no line items");

        if (string.IsNullOrWhiteSpace(order.CustomerEmail))
            Attribute("customer_email", "customer_email can't be blank");
        else if (!EmailAddress.IsWellFormed(order.CustomerEmail))
            Attribute("customer_email", "customer_email is not a valid email address");

        if (order.BillingAddress is null)
            Relationship("billing_address", "billing_address is missing");
        else
            AddAddressFailures(order.BillingAddress, "billing_address", Relationship);

        if (order.RequiresShipping)
        {
            if (order.ShippingAddress is null)
                Relationship("shipping_address", "shipping_address is missing and an item needs shipping");
            else
                AddAddressFailures(order.ShippingAddress, "shipping_address", Relationship);

            var method = order.ShippingMethod;
            if (method is null)
                Relationship("shipping_method", "shipping_method is missing and an item needs shipping");
            else
            {
                if (method.DisabledAt is not null)
                    Relationship("shipping_method", "shipping_method is disabled");
                if (!string.Equals(method.CurrencyCode, order.CurrencyCode, StringComparison.OrdinalIgnoreCase))
                    Relationship("shipping_method", $"shipping_method is not in the order's currency {order.CurrencyCode}");
                if (!method.ServesMarket(order.MarketId))
                    Relationship("shipping_method", "shipping_method is not available in the order's market");
                if (order.ShippingAddress?.CountryCode is { } country && !method.Serves(country))
                    Relationship("shipping_method", $"shipping_method does not ship to {country}");
            }
        }

        var paymentMethod = order.PaymentMethod;
        if (paymentMethod is null)
            Relationship("payment_method", "payment_method is missing");
        else
        {
            if (!paymentMethod.IsEnabled)
                Relationship("payment_method", "payment_method is disabled");
            if (!string.Equals(paymentMethod.CurrencyCode, order.CurrencyCode, StringComparison.OrdinalIgnoreCase))
                Relationship("payment_method", $"payment_method is not in the order's currency {order.CurrencyCode}");
            if (!paymentMethod.ServesMarket(order.MarketId))
                Relationship("payment_method", "payment_method is not available in the order's market");
        }

        if (order.PaymentSource is null)
            Relationship("payment_source", "payment_source is missing");
        else if (paymentMethod is not null && order.PaymentSource.ResourceType != paymentMethod.PaymentSourceType)
            Relationship("payment_source",
                $"payment_source is {order.PaymentSource.ResourceType} but the payment method takes {paymentMethod.PaymentSourceType}");

        if (context.AvailableStock is { } stock)
            failures.AddRange(Stock.ShortagesOf(order, stock).Select(Stock.OutOfStock));

        return failures;
    }

    private static void AddAddressFailures(Address address, string name, Action<string, string> fail)
    {
        var problems = address.Validate();
        if (problems.Count > 0)
            fail(name, $"{name} is invalid: " + string.Join("; ", problems.Select(p => $"{p.Member} {p.Detail}")));
    }
}
