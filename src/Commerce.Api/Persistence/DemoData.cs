using Commerce.Domain.Catalog;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Persistence;

/// <summary>
/// A small demo catalog, seeded into a database with no SKUs: a second start adds nothing.
/// Two markets, each with its price list: "Italy and Europe" (code <c>europe</c>, EUR, number 1, the default) and
/// "United States" (code <c>usa</c>, USD, number 2), which ships to the whole US (Los Angeles included) with
/// "Standard US" and takes wire transfers and cards. Stock is finite so that an oversell can be tried.
/// </summary>
internal sealed partial class DemoData(CommerceDbContext db, Commerce.Api.Authentication.AuthOptions auth, ILogger<DemoData> logger)
{
    public static readonly (string Code, string Name, string Description, long Eur, long Usd, int Stock, bool DoNotShip)[] Skus =
    [
        ("TSHIRTMM000000FFFFFFXLXX", "Black T-shirt with white logo (XL)", "Organic cotton, unisex fit.", 2900, 3200, 100, false),
        ("HOODIEUL000000E63E74LXXX", "Red hoodie (L)", "Brushed fleece, kangaroo pocket.", 5900, 6500, 50, false),
        ("MUGXXXXX000000FFFFFFXXXX", "White mug", "Ceramic, 330 ml, dishwasher safe.", 1450, 1600, 200, false),
        ("CAPXXXXX000000000000XXXX", "Black cap", "Adjustable strap, embroidered logo.", 2200, 2400, 3, false),
        ("GIFTCARD0000000000005000", "Gift card 50", "Delivered by email: nothing to ship.", 5000, 5500, 1000, true),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await SeedApplicationsAsync(cancellationToken);
        if (await db.Skus.AnyAsync(cancellationToken))
            return;

        var eurList = new PriceList("Europe (EUR)", "EUR") { Code = "eur" };
        var usdList = new PriceList("United States (USD)", "USD") { Code = "usd" };
        var europe = new Market("Italy and Europe", eurList) { Code = "europe" };
        europe.AssignNumber(1);
        var usa = new Market("United States", usdList) { Code = "usa" };
        usa.AssignNumber(2);
        db.AddRange(eurList, usdList, europe, usa);

        foreach (var (code, name, description, eur, usd, stock, doNotShip) in Skus)
        {
            var sku = new Sku(code, name)
            {
                Description = description,
                DoNotShip = doNotShip,
                ImageUrl = $"https://img.example.com/skus/{code}.png",
            };
            db.AddRange(sku, new Price(sku, eurList, eur), new Price(sku, usdList, usd), new StockItem(sku, stock));
        }

        db.AddRange(
            new ShippingMethod("Standard", "EUR", 700) { FreeOverAmountCents = 9900, CountryCodes = ["IT", "DE", "FR", "ES", "NL", "BE", "AT"] },
            new ShippingMethod("Express", "EUR", 1500) { CountryCodes = ["IT", "DE", "FR"] },
            new ShippingMethod("Standard US", "USD", 900) { FreeOverAmountCents = 10000, CountryCodes = ["US"] },
            new PaymentMethod("Wire transfer", "wire_transfers", "EUR", gateway: null),
            new PaymentMethod("Card (test gateway)", "external_payments", "EUR", "test"),
            new PaymentMethod("Wire transfer", "wire_transfers", "USD", gateway: null),
            new PaymentMethod("Card (test gateway)", "external_payments", "USD", "test") { PriceAmountCents = 0 });

        await db.SaveChangesAsync(cancellationToken);
        LogSeeded(logger, Skus.Length);
    }

    /// <summary>The demo clients of <c>Auth:DemoApplications</c> (credentials in the README), each added once.</summary>
    private async Task SeedApplicationsAsync(CancellationToken cancellationToken)
    {
        foreach (var demo in auth.DemoApplications)
        {
            if (await db.ApplicationClients.AnyAsync(a => a.ClientId == demo.ClientId, cancellationToken))
                continue;
            db.ApplicationClients.Add(new Commerce.Api.Authentication.ApplicationClient(demo.Name, demo.Kind, demo.ClientId,
                demo.ClientSecret is { Length: > 0 } secret ? Commerce.Api.Authentication.Secrets.Hash(secret) : null));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo catalog: two markets, {Count} SKUs, shipping and payment methods")]
    private static partial void LogSeeded(ILogger logger, int count);
}
