using System.Net;
using Commerce.Api.Orders;
using Commerce.Api.Persistence;
using Commerce.Api.Placement;
using Commerce.Domain.Payments;
using Commerce.Domain.Placement;
using Commerce.IntegrationTests.Infrastructure;
using Commerce.IntegrationTests.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Placement;

/// <summary>
/// The reconciler takes a placement for a crashed one when it has been placing for longer than
/// <c>Payments:ReconcileAfterSeconds</c>; on a loaded machine a live placement can take that long, and then the two race:
/// <list type="bullet">
/// <item>the reconciler's undo after the request completed it (order placed, authorization succeeded) must change nothing
/// (found by the reliability soak: an order placed with its authorization written back to failed, then voided at the
/// gateway by the late-authorization sweep);</item>
/// <item>a request whose gateway call timed out must not void what the gateway holds once the reconciler completed the
/// order with it (the order would be placed with its money released).</item>
/// </list>
/// The live request and the reconciler run here in scopes of their own (their own database contexts), as in the service.
/// </summary>
public sealed class Reconciler_and_a_live_placement : ApiFixture
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

    [Test]
    public async Task A_request_whose_gateway_call_timed_out_does_not_void_what_the_reconciler_placed_the_order_with()
    {
        var id = (await new CheckoutBuilder(Api).BuildAsync()).Id;
        var gateway = Factory.Services.GetRequiredService<TestPaymentGateway>();
        var clock = Factory.Services.GetRequiredService<TimeProvider>();
        // The gateway commits the authorization, but its answer comes too late: meanwhile the reconciler, taking the
        // placement for a crashed one, asks the gateway, finds it held and completes the order.
        var late = new LateGateway(gateway, async () =>
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            var order = await scope.ServiceProvider.GetRequiredService<CommerceDbContext>().LoadAggregateAsync(id, CancellationToken.None);
            var reconciler = new PlacementService(scope.ServiceProvider.GetRequiredService<EfPlacementStore>(), Resolver(gateway), clock);
            Assert.That(await reconciler.ReconcileAsync(order), Is.EqualTo(ReconcileOutcome.Completed));
        });

        Exception? answer = null;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var order = await scope.ServiceProvider.GetRequiredService<CommerceDbContext>().LoadAggregateAsync(id, CancellationToken.None);
            var live = new PlacementService(scope.ServiceProvider.GetRequiredService<EfPlacementStore>(), Resolver(late), clock, TimeSpan.FromSeconds(5));
            try
            {
                await live.PlaceAsync(order, new PlacementContext(null));
            }
            catch (Exception exception)
            {
                answer = exception;
            }
        }

        Assert.That(answer, Is.InstanceOf<PlacementConflictException>(), "the request lost the placement to the reconciler: reload");
        Assert.That((await Api.OrderAsync(id)).Text("status"), Is.EqualTo("placed"));
        var authorization = (await Api.RelatedAsync(id, "authorizations")).Single()!["attributes"]!;
        Assert.That(authorization["status"]!.GetValue<string>(), Is.EqualTo("succeeded"));
        Assert.That(gateway.StatusOf(authorization["gateway_reference"]!.GetValue<string>()), Is.EqualTo("authorized"), "the money of the placed order is held");
    }

    private static PaymentGatewayResolver Resolver(IPaymentGateway gateway) => new(new Dictionary<string, IPaymentGateway> { [TestPaymentGateway.Name] = gateway });

    /// <summary>Authorizes through the test gateway, then, before answering, lets <paramref name="meanwhile"/> run, and answers "timed out".</summary>
    private sealed class LateGateway(TestPaymentGateway inner, Func<Task> meanwhile) : IPaymentGateway
    {
        public async Task<GatewayResult> AuthorizeAsync(GatewayRequest request, CancellationToken cancellationToken)
        {
            Assert.That((await inner.AuthorizeAsync(request, cancellationToken)).IsApproved, Is.True);
            await meanwhile();
            return GatewayResult.Failed("no answer in time", timedOut: true);
        }

        public Task<GatewayResult> VoidAsync(GatewayRequest request, CancellationToken cancellationToken) => inner.VoidAsync(request, cancellationToken);
        public Task<GatewayResult> CaptureAsync(GatewayRequest request, CancellationToken cancellationToken) => inner.CaptureAsync(request, cancellationToken);
        public Task<GatewayResult> RefundAsync(GatewayRequest request, CancellationToken cancellationToken) => inner.RefundAsync(request, cancellationToken);
        public Task<GatewayAuthorization?> FindAuthorizationAsync(string idempotencyKey, CancellationToken cancellationToken) =>
            inner.FindAuthorizationAsync(idempotencyKey, cancellationToken);
    }
}
