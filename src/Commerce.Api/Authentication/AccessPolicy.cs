using Commerce.Domain.Orders;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.Resources;

namespace Commerce.Api.Authentication;

/// <summary>
/// Every access rule of the API, in one table. Integrations may do everything. Sales channels build and
/// place orders: the catalog is read-only to them, they cannot list orders, and an order is theirs to
/// change only while it is draft or pending (the order's own rule, <see cref="Order.EnsureChangeableBy"/>, which
/// the order handler asks). Customers (a sales channel with a signed-in customer) may also list their own orders,
/// addresses and payment sources; what belongs to someone else is filtered out by the handlers, so it answers
/// 404, never 403.
/// </summary>
internal sealed class AccessPolicy(Caller caller) : IResourceAccessPolicy
{
    /// <summary>What a sales channel may do, per resource type; customers add <see cref="CustomerLists"/>.</summary>
    private static readonly Dictionary<string, ResourceOperation[]> SalesChannel = new(StringComparer.Ordinal)
    {
        ["organizations"] = [ResourceOperation.Get],
        ["skus"] = [ResourceOperation.List, ResourceOperation.Get],
        ["prices"] = [ResourceOperation.List, ResourceOperation.Get],
        ["price_lists"] = [ResourceOperation.List, ResourceOperation.Get],
        ["markets"] = [ResourceOperation.List, ResourceOperation.Get],
        ["stock_items"] = [ResourceOperation.List, ResourceOperation.Get],
        ["shipping_methods"] = [ResourceOperation.List, ResourceOperation.Get],
        ["payment_methods"] = [ResourceOperation.List, ResourceOperation.Get],
        ["customers"] = [ResourceOperation.Create],
        ["orders"] = [ResourceOperation.Create, ResourceOperation.Get, ResourceOperation.Update],
        ["line_items"] = [ResourceOperation.Create, ResourceOperation.Get, ResourceOperation.Update, ResourceOperation.Delete],
        ["addresses"] = [ResourceOperation.Create, ResourceOperation.Get, ResourceOperation.Update],
        ["external_payments"] = [ResourceOperation.Create, ResourceOperation.Get, ResourceOperation.Update],
        ["wire_transfers"] = [ResourceOperation.Create, ResourceOperation.Get],
        ["authorizations"] = [ResourceOperation.Get],
        ["voids"] = [ResourceOperation.Get],
        ["captures"] = [ResourceOperation.Get],
        ["refunds"] = [ResourceOperation.Get],
        // A draft card to buy on an order; reading is scoped by the handler (draft cards only). Managing cards is the integration's.
        ["gift_cards"] = [ResourceOperation.Create, ResourceOperation.Get],
    };

    private static readonly HashSet<string> CustomerLists = ["orders", "addresses", "external_payments", "wire_transfers", "customers",
        "customer_addresses", "customer_payment_sources"];

    /// <summary>What a signed-in customer may do besides a sales channel's rights and <see cref="CustomerLists"/>: read and change themselves.</summary>
    private static readonly Dictionary<string, ResourceOperation[]> CustomerAlso = new(StringComparer.Ordinal)
    {
        ["customers"] = [ResourceOperation.Get, ResourceOperation.Update],
        // The address book and the wallet are the signed-in customer's own (its handler scopes them); a sales channel has none.
        ["customer_addresses"] = [ResourceOperation.Create, ResourceOperation.Get, ResourceOperation.Update, ResourceOperation.Delete],
        ["customer_payment_sources"] = [ResourceOperation.Create, ResourceOperation.Get, ResourceOperation.Update, ResourceOperation.Delete],
    };

    /// <summary>Triggers only an integration may send.</summary>
    private static readonly HashSet<string> IntegrationTriggers = ["_approve", "_capture", "_refund", "_cancel", "_approve_and_capture", "_fulfill", "_archive", "_unarchive"];

    /// <summary>Who may do an operation, in words, for the OpenAPI document (read from the tables above).</summary>
    public static string Describe(string type, ResourceOperation operation)
    {
        var roles = new List<string> { "integration" };
        var salesChannel = SalesChannel.GetValueOrDefault(type) ?? [];
        if (salesChannel.Contains(operation))
            roles.Add("sales channel");
        if (salesChannel.Contains(operation) || CustomerMay(type, operation))
            roles.Add(salesChannel.Contains(operation) ? "customer" : "customer (own resources only)");
        var text = $"Who may: {string.Join(", ", roles)}.";
        if (type == "orders" && operation is ResourceOperation.Update or ResourceOperation.Delete)
            text += " Sales channels and customers change an order only while it is draft or pending.";
        if (roles.Count < 3)
            text += " Others get 403.";
        return text;
    }

    private static bool CustomerMay(string type, ResourceOperation operation) =>
        (operation == ResourceOperation.List && CustomerLists.Contains(type)) || (CustomerAlso.GetValueOrDefault(type)?.Contains(operation) ?? false);

    /// <summary>Whether only an integration may send a trigger (for the OpenAPI document).</summary>
    public static bool IsIntegrationTrigger(string trigger) => IntegrationTriggers.Contains(trigger);

    public void Authorize(Microsoft.AspNetCore.Http.HttpContext context, ResourceDefinition resource, ResourceOperation operation)
    {
        if (caller.IsIntegration)
            return;
        var allowed = SalesChannel.GetValueOrDefault(resource.PublicName) ?? [];
        if (allowed.Contains(operation) || (caller.IsCustomer && CustomerMay(resource.PublicName, operation)))
            return;
        throw JsonApiException.Forbidden(operation == ResourceOperation.List
            ? $"Your token may not list {resource.PublicName}."
            : $"Your token may not {operation.ToString().ToLowerInvariant()} {resource.PublicName}.");
    }

    public void AuthorizeWrite(Microsoft.AspNetCore.Http.HttpContext context, ResourceInput input)
    {
        if (caller.IsIntegration)
            return;
        var refused = input.Triggers.Keys.Where(IntegrationTriggers.Contains).ToList();
        if (refused.Count > 0)
            throw new JsonApiException([.. refused.Select(t => new ErrorObject(403, ErrorCodes.Forbidden, "Forbidden",
                $"Only an integration may send {t}.", ErrorSource.AtPointer(ResourceInput.AttributePointer(t))))]);
    }
}
