using System.Net;
using Commerce.Api.Orders;
using Commerce.Api.Persistence;
using Commerce.Api.Placement;
using Commerce.Domain.Payments;
using Commerce.IntegrationTests.Infrastructure;
using Commerce.IntegrationTests.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Placement;

/// <summary>
/// The reconciler takes a placement for a crashed one when it has been placing for longer than
/// <c>Payments:ReconcileAfterSeconds</c>; on a loaded machine a live placement can take that long. Its undo then races the
/// live request: when the request completed first (order placed, authorization succeeded), the undo must change nothing.
/// Found by the reliability soak: an order placed with its authorization written back to failed, then voided at the
/// gateway by the late-authorization sweep.
/// </summary>
public sealed class Undoing_a_placement_that_completed : ApiFixture
{
    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Payments:ReconcileIntervalSeconds"] = "3600",
    };

    [Test]
    public async Task An_undo_that_comes_after_the_placement_completed_leaves_the_order_and_its_authorization_as_they_are()
    {
        var id = (await new CheckoutBuilder(Api).BuildAsync()).Id;
        Assert.That((await Api.PlaceAsync(id)).Status, Is.EqualTo(HttpStatusCode.OK));

        bool undone;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            // What the reconciler's undo holds: the order it loaded and the authorization it read as pending, now failed.
            var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
            var order = await db.LoadAggregateAsync(id, CancellationToken.None);
            var authorization = await db.PaymentTransactions.SingleAsync(t => t.OrderId == id && t.Kind == TransactionKind.Authorization);
            // As it read it, before the live request completed: pending.
            db.Entry(authorization).Property(t => t.Status).CurrentValue = TransactionStatus.Pending;
            db.Entry(authorization).Property(t => t.Succeeded).CurrentValue = false;
            authorization.MarkFailed(PaymentGatewayException.ErrorCode, "placement was interrupted; nothing is authorized", DateTimeOffset.UtcNow);
            undone = await scope.ServiceProvider.GetRequiredService<EfPlacementStore>().AbortAsync(order, authorization, CancellationToken.None);
        }

        Assert.That(undone, Is.False, "the order was no longer placing: nothing was undone");
        Assert.That((await Api.OrderAsync(id)).Text("status"), Is.EqualTo("placed"));
        var authorizations = await Api.RelatedAsync(id, "authorizations");
        Assert.That(authorizations.Select(a => a!["attributes"]!["status"]!.GetValue<string>()), Is.EqualTo(new[] { "succeeded" }));
    }
}
