using Commerce.Api.Authentication;
using Commerce.Api.Persistence;
using Commerce.Domain.Catalog;
using Commerce.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Markets;

/// <summary>
/// Which market a new order is sold in, as Commerce Layer decides it: the token's market (a <c>market:</c> scope), else the
/// order's <c>market</c> relationship, else a market selling in the <c>currency_code</c> given (the default market when it
/// does, else the lowest-numbered), else the configured default market. A <c>currency_code</c> that contradicts the market
/// is refused at <c>currency_code</c>. Every transport that creates orders (JSON:API, GraphQL) asks this one service.
/// </summary>
public sealed class MarketResolver(CommerceDbContext db, MarketOptions options, Caller caller)
{
    /// <param name="named">The market the request names (its relationship, already resolved and readable by the caller); null: none.</param>
    /// <param name="currencyCode">The <c>currency_code</c> the request sends; null: none.</param>
    /// <returns>The market, with its price list loaded (what <c>Order.Create</c> needs).</returns>
    /// <exception cref="DomainException">market (not the token's market; none configured), currency_code (contradicts the market; no market sells in it).</exception>
    public async Task<Market> ForNewOrderAsync(Market? named, string? currencyCode, CancellationToken cancellationToken)
    {
        Market market;
        if (caller.MarketId is { } scoped)
        {
            if (named is not null && named.Id != scoped)
                throw new DomainException(FailureCodes.ValidationError,
                    "The token is scoped to another market: an order is created in the token's market.", "market", isRelationship: true);
            market = await LoadAsync(scoped, cancellationToken)
                ?? throw new DomainException(FailureCodes.ValidationError, "The token's market no longer exists: ask for a new token.", "market", isRelationship: true);
        }
        else if (named is not null)
            market = await LoadAsync(named.Id, cancellationToken) ?? named;
        else if (currencyCode is not null)
            return await InCurrencyAsync(currencyCode, cancellationToken);
        else
            market = await DefaultAsync(cancellationToken);

        if (currencyCode is not null && !string.Equals(currencyCode, market.PriceList!.CurrencyCode, StringComparison.OrdinalIgnoreCase))
            throw new DomainException(FailureCodes.ValidationError,
                $"currency_code {currencyCode} contradicts the order's market, which sells in {market.PriceList.CurrencyCode}: leave currency_code out, the order takes its market's.",
                "currency_code");
        return market;
    }

    /// <summary>The market new orders go to when nothing names one: <c>Markets:DefaultMarketCode</c>, else the enabled market numbered lowest.</summary>
    public async Task<Market> DefaultAsync(CancellationToken cancellationToken)
    {
        var markets = db.Markets.Include(m => m.PriceList);
        var market = options.DefaultMarketCode is { } code
            ? await markets.FirstOrDefaultAsync(m => m.Code == code, cancellationToken)
            : await markets.Where(m => m.DisabledAt == null).OrderBy(m => m.Number).FirstOrDefaultAsync(cancellationToken);
        return market ?? throw new DomainException(FailureCodes.ValidationError,
            "No market to create the order in: name one in the market relationship, or create a market.", "market", isRelationship: true);
    }

    private async Task<Market> InCurrencyAsync(string currencyCode, CancellationToken cancellationToken)
    {
        var code = currencyCode.ToUpperInvariant();
        var candidates = await db.Markets.Include(m => m.PriceList)
            .Where(m => m.DisabledAt == null && m.PriceList!.CurrencyCode == code)
            .OrderBy(m => m.Number)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
            throw new DomainException(FailureCodes.ValidationError,
                $"No enabled market sells in {currencyCode}: leave currency_code out, or name a market.", "currency_code");
        return candidates.Find(m => options.DefaultMarketCode is { } d && m.Code == d) ?? candidates[0];
    }

    private Task<Market?> LoadAsync(string id, CancellationToken cancellationToken) =>
        db.Markets.Include(m => m.PriceList).FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
}
