using System.Globalization;
using Commerce.Domain.Common;
using Commerce.Domain.Money;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Commerce.Api.Persistence.Migrations.Data;

/// <summary>
/// The data move of the <c>Markets</c> migration, called with one line after its tables and columns exist and before its
/// indexes and foreign keys: one price list per currency in use (by prices, orders, shipping or payment methods), tax
/// included as orders defaulted to before, and one market per list (numbered in currency order); every price joins its
/// currency's list and takes its SKU's code; every order joins its currency's market and list (its own
/// <c>tax_included</c> stays as it was). An empty database gets nothing: the demo data brings its own markets.
/// </summary>
internal static class MarketsData
{
    public static void MovePricesIntoPriceLists(MigrationBuilder migration)
    {
        var provider = migration.ActiveProvider ?? "";
        var now = DateTimeOffset.UtcNow;
        var timestamp = provider switch
        {
            _ when provider.Contains("Sqlite", StringComparison.Ordinal) =>
                ((long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(now)!).ToString(CultureInfo.InvariantCulture),
            _ when provider.Contains("SqlServer", StringComparison.Ordinal) =>
                $"CAST('{now.ToString("yyyy-MM-ddTHH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture)}' AS datetimeoffset)",
            _ => $"CAST('{now.ToString("yyyy-MM-ddTHH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture)}' AS timestamp with time zone)",
        };
        var yes = provider.Contains("Npgsql", StringComparison.Ordinal) ? "TRUE" : provider.Contains("SqlServer", StringComparison.Ordinal) ? "CAST(1 AS bit)" : "1";

        var number = 0;
        foreach (var currency in Currencies.Codes.Order(StringComparer.Ordinal))
        {
            number++;
            var listId = ResourceId.New();
            var inUse = string.Join(" OR ", new[] { "prices", "orders", "shipping_methods", "payment_methods" }
                .Select(table => $"EXISTS (SELECT 1 FROM {table} WHERE currency_code = '{currency}')"));
            migration.Sql($"""
                INSERT INTO price_lists (id, name, code, currency_code, tax_included, reference, created_at, updated_at)
                SELECT '{listId}', '{currency} price list', '{currency.ToLowerInvariant()}', '{currency}', {yes}, NULL, {timestamp}, {timestamp}
                WHERE {inUse}
                """);
            migration.Sql($"""
                INSERT INTO markets (id, name, code, number, disabled_at, checkout_url, reference, price_list_id, created_at, updated_at)
                SELECT '{ResourceId.New()}', '{currency} market', '{currency.ToLowerInvariant()}', {number}, NULL, NULL, NULL, '{listId}', {timestamp}, {timestamp}
                WHERE EXISTS (SELECT 1 FROM price_lists WHERE id = '{listId}')
                """);
        }

        migration.Sql("""
            UPDATE prices SET
              price_list_id = (SELECT l.id FROM price_lists l WHERE l.currency_code = prices.currency_code),
              sku_code = (SELECT s.code FROM skus s WHERE s.id = prices.sku_id)
            """);
        migration.Sql("""
            UPDATE orders SET
              price_list_id = (SELECT l.id FROM price_lists l WHERE l.currency_code = orders.currency_code),
              market_id = (SELECT m.id FROM markets m JOIN price_lists l ON l.id = m.price_list_id WHERE l.currency_code = orders.currency_code)
            """);
    }
}
