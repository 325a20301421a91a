using System.Net;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Commerce.IntegrationTests.Operability;

/// <summary>Checkout traffic with every kind of secret in it, logged at the most verbose level; none of them may reach the log.</summary>
public sealed class Secrets_in_logs : ApiFixture
{
    private const string Password = "correct horse battery staple 9";
    private const string CardNumber = "4242424242424242";
    private readonly CapturingLoggerProvider _logs = new();

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
        ["Logging:LogLevel:OpenIddict"] = "Trace", // held at Debug by the service
    };

    protected override Action<IWebHostBuilder>? Configure => builder => builder.ConfigureLogging(logging => logging.AddProvider(_logs));

    private static string Around(string text, string secret)
    {
        var at = text.IndexOf(secret, StringComparison.Ordinal);
        var from = Math.Max(0, at - 150);
        return text[from..Math.Min(text.Length, at + secret.Length + 30)].Replace(secret, "<SECRET>", StringComparison.Ordinal);
    }

    [Test]
    public async Task Tokens_secrets_passwords_and_card_data_never_reach_the_log()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        Assert.That((await Api.PostAsync("customers", Document("customers", new { email, password = Password }))).Status, Is.EqualTo(HttpStatusCode.Created));
        var integrationToken = await Factory.GetTokenAsync(new()
        {
            ["grant_type"] = "client_credentials", ["client_id"] = CommerceFactory.IntegrationId, ["client_secret"] = CommerceFactory.IntegrationSecret,
        });
        var salesChannelToken = await Factory.GetSalesChannelTokenAsync();
        var customerToken = await Factory.GetCustomerTokenAsync(email, Password);
        var customer = Factory.CreateApiClient(customerToken);

        var orderId = await Checkout.PendingOrderAsync(customer, "tok_visa");
        var placed = await Checkout.PlaceAsync(customer, orderId);
        var declinedOrder = await Checkout.PendingOrderAsync(Factory.CreateApiClient(salesChannelToken), "tok_chargeDeclined");
        var declined = await Checkout.PlaceAsync(Factory.CreateApiClient(salesChannelToken), declinedOrder);
        var card = await customer.PostAsync("external_payments", Document("external_payments", new { payment_source_token = CardNumber },
            new { order = ToOne("orders", declinedOrder) }));
        var badToken = await Factory.CreateApiClient(integrationToken + "x").GetAsync("skus");

        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
        Assert.That(declined.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), declined.ToString());
        Assert.That(card.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), card.ToString());
        Assert.That(badToken.Status, Is.EqualTo(HttpStatusCode.Unauthorized));

        Assert.That(_logs.Entries, Has.Count.GreaterThan(50), "the capture saw the traffic");
        Assert.Multiple(() =>
        {
            foreach (var (what, secret) in new[]
            {
                ("integration token", integrationToken), ("sales channel token", salesChannelToken), ("customer token", customerToken),
                ("token signature", customerToken[(customerToken.LastIndexOf('.') + 1)..]),
                ("client secret", CommerceFactory.IntegrationSecret), ("password", Password),
                ("payment source token", "tok_visa"), ("declined token", "tok_chargeDeclined"), ("card number", CardNumber),
            })
            {
                var leaks = _logs.Entries.Where(e => e.Text.Contains(secret, StringComparison.Ordinal))
                    .Select(e => $"{e.Category} {e.EventId.Name}: {Around(e.Text, secret)}").Distinct().Take(5).ToList();
                Assert.That(leaks, Is.Empty, $"the {what} is in the log");
            }
        });
    }
}
