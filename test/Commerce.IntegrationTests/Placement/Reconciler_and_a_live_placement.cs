using System.Net;
using Commerce.Api.Gateways;
using Commerce.Api.Persistence;
using Commerce.Api.Placement;
using Commerce.Domain.Payments;
using Commerce.Domain.Placement;
using Commerce.IntegrationTests.Infrastructure;
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
            undone = await scope.ServiceProvider.GetRequiredService<EfPlacementStore>().AbortAsync(order, db.LoadedVersion(order), authorization, CancellationToken.None);
        }

        Assert.That(undone, Is.False, "the order was no longer placing: nothing was undone");
        Assert.That((await Api.OrderAsync(id)).Text("status"), Is.EqualTo("placed"));
        var authorizations = await Api.RelatedAsync(id, "authorizations");
        Assert.That(authorizations.Select(a => a!["attributes"]!["status"]!.GetValue<string>()), Is.EqualTo(new[] { "succeeded" }));
    }

    [Test]
    public async Task Completing_an_order_this_context_did_not_load_is_refused_and_saves_nothing()
    {
        var id = (await new CheckoutBuilder(Api).BuildAsync()).Id;
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
        // An order read without tracking: this context knows neither its version nor its changes, so a completion could
        // only save the authorization and report the order placed.
        var order = await db.Orders.AsNoTracking().AsAggregate().SingleAsync(o => o.Id == id);
        var version = await db.Orders.Where(o => o.Id == id).Select(o => EF.Property<int>(o, Commerce.Api.Persistence.Configurations.OrderConfiguration.Version)).SingleAsync();
        var authorization = PaymentTransaction.Begin(TransactionKind.Authorization, id, order.TotalAmountCents, order.CurrencyCode, DateTimeOffset.UtcNow);
        var store = scope.ServiceProvider.GetRequiredService<EfPlacementStore>();

        Assert.That(async () => await store.CompleteAsync(order, version, authorization, CancellationToken.None), Throws.InvalidOperationException);
        await using var fresh = Factory.Services.CreateAsyncScope();
        Assert.That(await fresh.ServiceProvider.GetRequiredService<CommerceDbContext>().PaymentTransactions.AnyAsync(t => t.OrderId == id), Is.False);
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
            var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
            var order = await db.LoadAggregateAsync(id, CancellationToken.None);
            var reconciler = new PlacementService(scope.ServiceProvider.GetRequiredService<EfPlacementStore>(), Resolver(gateway), clock);
            Assert.That(await reconciler.ReconcileAsync(order, db.LoadedVersion(order)), Is.EqualTo(ReconcileOutcome.Completed));
        });

        Exception? answer = null;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
            var order = await db.LoadAggregateAsync(id, CancellationToken.None);
            var live = new PlacementService(scope.ServiceProvider.GetRequiredService<EfPlacementStore>(), Resolver(late), clock, TimeSpan.FromSeconds(5));
            try
            {
                await live.PlaceAsync(order, db.LoadedVersion(order));
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

    [Test]
    public async Task An_undo_holding_an_older_version_does_not_undo_a_newer_placement()
    {
        var id = (await new CheckoutBuilder(Api).BuildAsync()).Id;
        await SqlAsync(id, "SET status = 'placing', previous_status = 'pending'");
        await using var scope = Factory.Services.CreateAsyncScope();
        // A reconciler (or a stalled request) loaded the placing order ...
        var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
        var order = await db.LoadAggregateAsync(id, CancellationToken.None);
        // ... meanwhile another instance undid that placement and the client began a new one (placing again, a newer version).
        await SqlAsync(id, "SET version = version + 2");

        order.AbortPlacement();
        var undone = await scope.ServiceProvider.GetRequiredService<EfPlacementStore>().AbortAsync(order, db.LoadedVersion(order), null, CancellationToken.None);

        Assert.That(undone, Is.False, "the placement it held is gone: the newer one is not its to undo");
        Assert.That((await Api.OrderAsync(id)).Text("status"), Is.EqualTo("placing"));
    }

    [Test]
    public async Task A_request_that_lost_its_placement_after_the_gateway_approved_leaves_its_authorization_to_be_voided()
    {
        var id = (await new CheckoutBuilder(Api).BuildAsync()).Id;
        var gateway = Factory.Services.GetRequiredService<TestPaymentGateway>();
        var clock = Factory.Services.GetRequiredService<TimeProvider>();
        // While the gateway authorizes, a reconciler that found no pending authorization yet undoes the placement.
        var undoing = new LateGateway(gateway, () => SqlAsync(id, "SET status = 'pending', previous_status = NULL, version = version + 1"),
            answerApproved: true);

        Exception? answer = null;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
            var order = await db.LoadAggregateAsync(id, CancellationToken.None);
            try
            {
                await new PlacementService(scope.ServiceProvider.GetRequiredService<EfPlacementStore>(), Resolver(undoing), clock, TimeSpan.FromSeconds(5))
                    .PlaceAsync(order, db.LoadedVersion(order));
            }
            catch (Exception exception)
            {
                answer = exception;
            }
        }
        var released = await Factory.Services.GetRequiredService<PlacementReconciler>().ReleaseLateAuthorizationsAsync(CancellationToken.None);

        Assert.That(answer, Is.InstanceOf<PlacementConflictException>());
        Assert.That((await Api.OrderAsync(id)).Text("status"), Is.EqualTo("pending"));
        var authorization = (await Api.RelatedAsync(id, "authorizations")).Single()!["attributes"]!;
        Assert.That(authorization["status"]!.GetValue<string>(), Is.EqualTo("failed"), "not pending for ever");
        Assert.That(released, Is.EqualTo(1), "the late-authorization sweep voided what the gateway held for the order that is not placed");
        Assert.That(gateway.OpenAuthorizations, Is.Zero);
    }

    [Test]
    public async Task The_reconciler_leaves_a_placement_whose_hold_was_renewed_after_it_listed_it()
    {
        var id = (await new CheckoutBuilder(Api).BuildAsync()).Id;
        // Listed as stuck (placing for long), then renewed by its live request before the reconciler loads it.
        await SqlAsync(id, "SET status = 'placing', previous_status = 'pending'");
        var listedBefore = DateTimeOffset.UtcNow.AddSeconds(1);

        var outcome = await Factory.Services.GetRequiredService<PlacementReconciler>().ReconcileOrderAsync(id, listedBefore - TimeSpan.FromMinutes(10), CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(ReconcileOutcome.NothingToDo));
        Assert.That((await Api.OrderAsync(id)).Text("status"), Is.EqualTo("placing"), "left to its live request");
    }

    private async Task SqlAsync(string orderId, string set)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        // The SET clauses are this file's constants; the id is a parameter.
#pragma warning disable EF1003
        await scope.ServiceProvider.GetRequiredService<CommerceDbContext>().Database.ExecuteSqlRawAsync("UPDATE orders " + set + " WHERE id = {0}", orderId);
#pragma warning restore EF1003
    }

    private static PaymentGatewayResolver Resolver(IPaymentGateway gateway) => new(new Dictionary<string, IPaymentGateway> { [TestPaymentGateway.Name] = gateway });

    /// <summary>
    /// Authorizes through the test gateway, then, before answering, lets <paramref name="meanwhile"/> run, and answers "timed
    /// out" (or, with <paramref name="answerApproved"/>, its approval).
    /// </summary>
    private sealed class LateGateway(TestPaymentGateway inner, Func<Task> meanwhile, bool answerApproved = false) : IPaymentGateway
    {
        public async Task<GatewayResult> AuthorizeAsync(GatewayRequest request, CancellationToken cancellationToken)
        {
            var approved = await inner.AuthorizeAsync(request, cancellationToken);
            Assert.That(approved.IsApproved, Is.True);
            await meanwhile();
            return answerApproved ? approved : GatewayResult.Failed("no answer in time", timedOut: true);
        }

        public Task<GatewayResult> VoidAsync(GatewayRequest request, CancellationToken cancellationToken) => inner.VoidAsync(request, cancellationToken);
        public Task<GatewayResult> CaptureAsync(GatewayRequest request, CancellationToken cancellationToken) => inner.CaptureAsync(request, cancellationToken);
        public Task<GatewayResult> RefundAsync(GatewayRequest request, CancellationToken cancellationToken) => inner.RefundAsync(request, cancellationToken);
        public Task<GatewayAuthorization?> FindAuthorizationAsync(string idempotencyKey, CancellationToken cancellationToken) =>
            inner.FindAuthorizationAsync(idempotencyKey, cancellationToken);
    }
}
