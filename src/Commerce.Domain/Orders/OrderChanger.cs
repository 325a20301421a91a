namespace Commerce.Domain.Orders;

/// <summary>Who asks to change an order, as far as the order's own rules care (see <see cref="Order.EnsureChangeableBy"/>).</summary>
public enum OrderChanger
{
    /// <summary>The merchant's back office (an integration): may ask for any change in any status; each change guards itself.</summary>
    Integration,

    /// <summary>A storefront (a sales channel, with or without a signed-in customer): changes an order only while it is draft or pending.</summary>
    SalesChannel,
}

/// <summary>A part an order uses that has a life of its own (it is a resource), frozen with the order (see <see cref="Order.EnsurePartChangeable"/>).</summary>
public enum OrderPart
{
    /// <summary>Its billing or shipping address.</summary>
    Address,

    /// <summary>Its payment source.</summary>
    PaymentSource,
}
