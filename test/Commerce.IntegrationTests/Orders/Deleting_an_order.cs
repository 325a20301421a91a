using System.Net;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Commerce.IntegrationTests.Orders;

/// <summary>An order that asked the gateway for money keeps the record of it: deleting it is refused, and said why.</summary>
public sealed class Deleting_an_order : ApiFixture
{
    private readonly CapturingLoggerProvider _logs = new();

    protected override Action<IWebHostBuilder>? Configure => builder => builder.ConfigureLogging(logging => logging.AddProvider(_logs));

    [Test]
    public async Task A_pending_order_with_a_failed_authorization_is_not_deleted_and_the_answer_says_why()
    {
        var order = await new CheckoutBuilder(Api).PaidByCard("tok_chargeDeclined").BuildAsync();
        Assert.That((await Api.PlaceAsync(order.Id)).Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));

        var logged = _logs.Entries.Count; // what the start-up logged is not the answer's (on an empty PostgreSQL database EF logs the missing migrations table)
        var deleted = await Api.DeleteAsync($"orders/{order.Id}");

        Assert.That(deleted.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), deleted.ToString());
        Assert.That(deleted.ErrorPointers, Is.EqualTo(new[] { "/data/relationships/authorizations" }));
        Assert.That(deleted.Error["detail"]!.GetValue<string>(), Does.Contain("authorization"));
        Assert.That((await Api.GetAsync($"orders/{order.Id}")).Status, Is.EqualTo(HttpStatusCode.OK), "the order is still there");
        Assert.That((await Api.RelatedAsync(order.Id, "authorizations")).Select(a => a!["attributes"]!.Text("status")), Is.EqualTo(new[] { "failed" }));
        Assert.That(_logs.Entries.Skip(logged).Where(e => e.Level >= LogLevel.Error).Select(e => e.Text), Is.Empty, "no database error behind the answer");
    }
}
