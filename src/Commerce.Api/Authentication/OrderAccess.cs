using Commerce.Domain.Orders;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Errors;

namespace Commerce.Api.Authentication;

/// <summary>The rule for changing an order through one of its parts (a line item, a payment source).</summary>
internal static class OrderAccess
{
    /// <summary>A customer changes only their own orders (another's is 404, as if absent).</summary>
    public static void EnsureMayChange(Caller caller, Order order, RelationshipInput relationship)
    {
        if (caller.IsCustomer && order.CustomerId != caller.CustomerId)
            throw JsonApiException.NotFound("orders", order.Id, relationship.Pointer);
    }
}
