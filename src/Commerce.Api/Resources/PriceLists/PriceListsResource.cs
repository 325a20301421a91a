using Commerce.Domain.Catalog;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.Resources;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Resources.PriceLists;

/// <summary><c>price_lists</c>: the prices of one currency; a market sells at one list's prices.</summary>
internal static class PriceListsResource
{
    public static void Define(ResourceGraphBuilder graph) => graph.Add<PriceList, PriceListHandler>("price_lists", l => l.Id, r => r
        .Describe("A list of prices in one currency, with or without tax; a market sells at one list's prices.")
        .Attribute(l => l.Name, Can.All)
        .Attribute(l => l.Code, Can.All, description: "Unique when present.")
        .Attribute(l => l.CurrencyCode, Can.Read | Can.Create | Can.Query, description: "ISO 4217; fixed once the list exists.")
        .Attribute(l => l.TaxIncluded, Can.All, description: "Whether the list's prices include tax; orders created later take it.")
        .Attribute(l => l.Reference, Can.All)
        .WithTimestamps()
        .Loaded<Price>("prices", "prices", p => p.PriceListId, async (services, list, ct) =>
            await services.GetRequiredKeyedService<IResourceHandler<Price>>("prices").Query().AsNoTracking().Where(p => p.PriceListId == ((PriceList)list).Id)
                .OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync(ct),
            "The list's prices (the related endpoint pages them)."));
}
