using System.Globalization;
using Commerce.Api.Authentication;
using Commerce.Api.Persistence;
using Commerce.Domain.Conversions;
using Commerce.Domain.Money;
using Commerce.Domain.Orders;
using Commerce.Domain.Recommendations;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.GraphQL.Nosto;

/// <summary>An order as Nosto's schema shows it: the order and the number it is known by.</summary>
internal sealed record NostoOrder(Order Order, string? Number);

/// <summary>One slot's recommendation: Nosto's <c>divId</c>, <c>resultId</c> and <c>primary</c> products.</summary>
internal sealed record NostoRecommendation(string DivId, string ResultId, IReadOnlyList<NostoProduct> Primary);

internal sealed record NostoProduct(string ProductId, string Name, double? Price, string? PriceText, string? CurrencyCode, string? ImageUrl, string? Url);

/// <summary>
/// What Nosto's fields do, over the same services as the rest of the API: <see cref="ConversionService"/> records,
/// <see cref="Recommender"/> recommends. Only an integration may use them.
/// </summary>
internal sealed class NostoOrders(CommerceDbContext db, Caller caller, ConversionService conversions, Recommender recommender)
{
    /// <summary>At most this many slots in one <c>forOrderPage</c>.</summary>
    public const int MaxSlots = 10;

    public async Task<NostoOrder> RecordAsync(string by, string id, IDictionary<string, object?> parameters, CancellationToken cancellationToken)
    {
        EnsureIntegration();
        var order = parameters.Object("order") ?? new Dictionary<string, object?>();
        var customer = parameters.Object("customer");
        var items = order.TryGetValue("purchasedItems", out var list) && list is IEnumerable<object?> entries
            ? entries.OfType<IDictionary<string, object?>>().Select(Item).ToList()
            : [];
        var request = new ConversionRequest(
            by == "BY_REF" ? ConversionLink.CustomerReference : ConversionLink.VisitorId,
            id,
            order.Text("number") ?? "",
            order.Text("orderStatus"),
            order.Text("paymentProvider"),
            order.Text("ref"),
            customer is null ? null : new ConversionCustomer(customer.Text("firstName"), customer.Text("lastName"), customer.Text("email"),
                customer.TryGetValue("marketingPermission", out var permission) ? permission as bool? : null, customer.Text("customerReference")),
            items);
        var recorded = await conversions.RecordAsync(request, cancellationToken);
        return new NostoOrder(recorded, request.Number);
    }

    private static ConversionItem Item(IDictionary<string, object?> item)
    {
        var price = item.TryGetValue("unitPrice", out var unitPrice) && unitPrice is not null ? Convert.ToDecimal(unitPrice, CultureInfo.InvariantCulture) : 0m;
        var quantity = item.TryGetValue("quantity", out var q) && q is not null ? Convert.ToInt32(q, CultureInfo.InvariantCulture) : 0;
        return new ConversionItem(item.Text("skuId") ?? item.Text("productId") ?? "", item.Text("productId"), item.Text("name"),
            item.Text("priceCurrencyCode") ?? "", price, quantity);
    }

    public async Task<NostoOrder?> FindAsync(string number, CancellationToken cancellationToken)
    {
        EnsureIntegration();
        var order = await LoadAsync(number, cancellationToken);
        return order is null ? null : new NostoOrder(order, number);
    }

    public async Task<IReadOnlyList<NostoRecommendation>> ForOrderPageAsync(string value, IReadOnlyList<string>? slotIds, CancellationToken cancellationToken)
    {
        EnsureIntegration();
        var slots = slotIds is { Count: > 0 } ? slotIds.Distinct(StringComparer.Ordinal).ToList() : [Recommender.DefaultOrderPageSlot];
        if (slots.Count > MaxSlots)
            throw new GraphQLClientError($"params.slotIds names at most {MaxSlots} slots.", "BAD_USER_INPUT");
        var order = await LoadAsync(value, cancellationToken)
            ?? throw new GraphQLClientError($"There is no order with number \"{Shorten(value)}\".", "NOT_FOUND");
        var results = new List<NostoRecommendation>();
        foreach (var slot in slots)
        {
            var recommendation = await recommender.ForOrderAsync(order, Recommender.DefaultSize, slot, cancellationToken);
            results.Add(new NostoRecommendation(slot, recommendation.ResultId, [.. recommendation.Skus.Select(sku =>
            {
                var price = sku.PriceIn(order.PriceListId);
                return new NostoProduct(sku.Code, sku.Name,
                    price is null ? null : MoneyFormatter.ToFloat(price.AmountCents, order.CurrencyCode),
                    price is null ? null : MoneyFormatter.Format(price.AmountCents, order.CurrencyCode, order.LanguageCode),
                    price is null ? null : order.CurrencyCode, sku.ImageUrl, null);
            })]));
        }
        return results;
    }

    /// <summary>The order recorded with <paramref name="number"/>, else the order of this service with that number; with its line items.</summary>
    private async Task<Order?> LoadAsync(string number, CancellationToken cancellationToken)
    {
        var recorded = await db.RecordedConversions.AsNoTracking().Where(c => c.Number == number).Select(c => c.OrderId).FirstOrDefaultAsync(cancellationToken);
        if (recorded is not null)
            return await db.Orders.AsNoTracking().Include(o => o.LineItems).FirstOrDefaultAsync(o => o.Id == recorded, cancellationToken);
        return long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var own)
            ? await db.Orders.AsNoTracking().Include(o => o.LineItems).FirstOrDefaultAsync(o => o.Number == own, cancellationToken)
            : null;
    }

    private void EnsureIntegration()
    {
        if (!caller.IsIntegration)
            throw new GraphQLClientError("Only an integration's token may use Nosto's API.", "FORBIDDEN");
    }

    private static string Shorten(string value) => value.Length > 64 ? value[..64] + "…" : value;
}
