using System.Net;
using Commerce.ReliabilityTests.Infrastructure;
using Commerce.ReliabilityTests.Invariants;

namespace Commerce.ReliabilityTests.Faults;

/// <summary>
/// The external gateway declines, fails, hangs past the service's timeout, answers slowly, or authorizes and answers
/// after the caller gave up: the client gets the contract's answer, the order is placed at most once, and the gateway
/// holds money only for placed orders. Gateway timeout 3 s, reconciler after 3.5 s, every 0.5 s.
/// </summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.PostgreSql)]
[NonParallelizable]
public sealed class Gateway_faults(Provider provider)
{
    private const double GatewayTimeoutSeconds = 3;
    private const double ReconcileAfterSeconds = 6.5; // longer than twice the gateway timeout, as the service demands
    private InProcessShop _shop = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _shop = await InProcessShop.StartAsync(provider, GatewayTimeoutSeconds, ReconcileAfterSeconds);
        _shop.Gateway.SlowDelay = TimeSpan.FromSeconds(1);
        _shop.Gateway.LateBy = TimeSpan.FromSeconds(GatewayTimeoutSeconds + 1);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_shop is null)
            return;
        Figures.For(provider).Fault(_shop.Gateway.FaultsInjected);
        await _shop.DisposeAsync();
    }

    [TestCase("tok_decline", HttpStatusCode.UnprocessableEntity, "PAYMENT_DECLINED")]
    [TestCase("tok_error", HttpStatusCode.BadGateway, "PAYMENT_GATEWAY_ERROR")]
    [TestCase("tok_hang", HttpStatusCode.BadGateway, "PAYMENT_GATEWAY_ERROR")]
    [TestCase("tok_late", HttpStatusCode.BadGateway, "PAYMENT_GATEWAY_ERROR")]
    public async Task A_gateway_fault_fails_the_placement_leaves_the_order_pending_and_holds_no_money(string token, HttpStatusCode status, string code)
    {
        var order = await new CheckoutBuilder(_shop.Api).PaidByCard(token).BuildAsync();

        var response = await _shop.Api.PlaceAsync(order.Id);

        Assert.That(response.Status, Is.EqualTo(status), response.ToString());
        Assert.That(response.Error.Text("code"), Is.EqualTo(code));
        Assert.That(response.ToString(), Does.Not.Contain(token), "tokens never appear in answers");
        var after = await _shop.Api.OrderAsync(order.Id);
        Assert.That(after.Text("status"), Is.EqualTo("pending"));
        Assert.That(after.Text("payment_status"), Is.EqualTo("unpaid"));
        Assert.That(_shop.Gateway.Snapshot().Where(g => g.OrderId == order.Id && g.Holds), Is.Empty, "no money is held");
        await _shop.AssertInvariantsAsync();
    }

    [Test]
    public async Task A_gateway_that_authorizes_then_answers_after_the_caller_gave_up_has_its_authorization_voided()
    {
        var order = await new CheckoutBuilder(_shop.Api).PaidByCard("tok_late").BuildAsync();

        var response = await _shop.Api.PlaceAsync(order.Id);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadGateway), response.ToString());
        Assert.That(_shop.Gateway.Snapshot().Where(g => g.OrderId == order.Id).Select(g => g.Status), Is.EqualTo(new[] { "voided" }));
        Assert.That(await _shop.Api.RelatedAsync(order.Id, "voids"), Has.Count.EqualTo(1), "the void is recorded");
        await _shop.AssertInvariantsAsync();
    }

    [Test]
    public async Task An_authorization_the_gateway_commits_after_the_service_gave_up_is_voided_by_the_reconciler()
    {
        var order = await new CheckoutBuilder(_shop.Api).PaidByCard("tok_commit_after_lookup").BuildAsync();

        var response = await _shop.Api.PlaceAsync(order.Id);
        var held = await Eventually.TrueAsync(() => Task.FromResult(_shop.Gateway.Snapshot().Any(g => g.OrderId == order.Id)), TimeSpan.FromSeconds(60));
        var voided = await Eventually.TrueAsync(() => Task.FromResult(
            _shop.Gateway.Snapshot().Where(g => g.OrderId == order.Id).Select(g => g.Status).SequenceEqual(["voided"])), TimeSpan.FromSeconds(60));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadGateway), response.ToString());
        Assert.That(held, Is.True, "the gateway committed the authorization after the service's lookup");
        Assert.That(voided, Is.True, "the reconciler found it and voided it");
        Assert.That(await _shop.Api.RelatedAsync(order.Id, "voids"), Has.Count.EqualTo(1), "the void is recorded");
        Assert.That((await _shop.Api.OrderAsync(order.Id)).Text("status"), Is.EqualTo("pending"));
        await _shop.AssertInvariantsAsync();
    }

    [Test]
    public async Task A_slow_gateway_within_the_timeout_places_the_order_once()
    {
        var order = await new CheckoutBuilder(_shop.Api).PaidByCard("tok_slow").BuildAsync();

        var response = await _shop.Api.PlaceAsync(order.Id);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(_shop.Gateway.AuthorizeCallsFor(order.Id), Is.EqualTo(1));
        await _shop.AssertInvariantsAsync();
    }

    [TestCase("tok_decline")]
    [TestCase("tok_error")]
    [TestCase("tok_hang")]
    [TestCase("tok_late")]
    public async Task After_a_fault_a_retry_with_a_good_token_places_the_order_once(string token)
    {
        var order = await new CheckoutBuilder(_shop.Api).PaidByCard(token).BuildAsync();
        var failed = await _shop.Api.PlaceAsync(order.Id);
        var changed = await _shop.Api.PatchAsync($"external_payments/{order.PaymentSourceId}",
            Document("external_payments", new { payment_source_token = "tok_visa" }, id: order.PaymentSourceId));

        var retried = await _shop.Api.PlaceAsync(order.Id);

        Assert.That(failed.Status, Is.Not.EqualTo(HttpStatusCode.OK), failed.ToString());
        Assert.That(changed.Status, Is.EqualTo(HttpStatusCode.OK), changed.ToString());
        Assert.That(retried.Status, Is.EqualTo(HttpStatusCode.OK), retried.ToString());
        Assert.That(_shop.Gateway.Snapshot().Count(g => g.OrderId == order.Id && g.Holds), Is.EqualTo(1));
        await _shop.AssertInvariantsAsync();
    }

    /// <summary>
    /// The reconciler takes orders placing for longer than ReconcileAfterSeconds. An order last changed long before it
    /// is placed must not look stuck while its (slow, in time) authorization is still being asked for.
    /// </summary>
    [Test]
    public async Task A_slow_placement_of_an_order_last_changed_long_ago_is_not_taken_by_the_reconciler()
    {
        var order = await new CheckoutBuilder(_shop.Api).PaidByCard("tok_slow").BuildAsync();
        // The order's last change, moved back to before the reconciler's limit (rather than waiting that long).
        var longAgo = InvariantChecker.TimeLiteral(provider, DateTimeOffset.UtcNow - TimeSpan.FromSeconds(ReconcileAfterSeconds * 10));
        await _shop.Database.ExecuteAsync($"UPDATE orders SET updated_at = {longAgo} WHERE id = '{order.Id}'");
        Assert.That(await _shop.Database.ScalarAsync($"SELECT COUNT(*) FROM orders WHERE id = '{order.Id}' AND updated_at = {longAgo}"), Is.EqualTo(1), "the order was last changed long ago");

        var response = await _shop.Api.PlaceAsync(order.Id);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That((await _shop.Api.OrderAsync(order.Id)).Text("status"), Is.EqualTo("placed"));
        await _shop.AssertInvariantsAsync();
    }

    /// <summary>
    /// The gateway makes the void, capture or refund and its answer is lost (a 500, or an answer after the service gave up).
    /// The movement must stay pending: a retry under a new key could move the money twice, so it is refused; the reconciler
    /// asks again with the movement's own key, and while the gateway still gives no answer it records nothing; once the
    /// gateway answers, the movement is recorded once and the order moves on.
    /// </summary>
    [TestCase("void", MoveFault.ActThenError)]
    [TestCase("capture", MoveFault.ActThenError)]
    [TestCase("capture", MoveFault.ActThenHang)]
    [TestCase("refund", MoveFault.ActThenHang)]
    public async Task A_movement_the_gateway_made_without_an_answer_stays_pending_until_the_gateway_answers_and_is_made_once(string kind, MoveFault fault)
    {
        var order = await PlacedOrderAsync(captured: kind == "refund");
        var before = await StatusesAsync(order);
        var calls = 0;
        var recovered = false;
        _shop.Gateway.DecideMove = (operation, orderId) => orderId != order || operation != kind ? MoveFault.None
            : Interlocked.Increment(ref calls) == 1 ? fault
            : Volatile.Read(ref recovered) ? MoveFault.None : MoveFault.Error;
        try
        {
            var response = await _shop.Api.TriggerAsync(order, Trigger(kind));
            var retried = await _shop.Api.TriggerAsync(order, Trigger(kind));

            var statuses = await StatusesAsync(order);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadGateway), response.ToString());
                Assert.That(response.Error.Text("code"), Is.EqualTo("PAYMENT_GATEWAY_ERROR"));
                Assert.That(response.Error.Text("detail"), Does.Contain($"may have made the {kind}"));
                Assert.That(retried.Status, Is.EqualTo(HttpStatusCode.Conflict), "a retry while the outcome is unknown is refused: " + retried);
                Assert.That(statuses, Is.EqualTo(before), "the order is unchanged until the gateway answers");
            }

            var askedAgain = await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref calls) >= 3), TimeSpan.FromSeconds(60));
            Assert.That(askedAgain, Is.True, "the reconciler asked the gateway again (and got no answer)");
            Assert.That(await TransactionStatusesAsync(order, kind), Is.EqualTo(new[] { "pending" }), "no answer, nothing recorded");
            Assert.That(await StatusesAsync(order), Is.EqualTo(before));

            Volatile.Write(ref recovered, true);
            var settled = await Eventually.TrueAsync(async () => (await TransactionStatusesAsync(order, kind)).SequenceEqual(["succeeded"]), TimeSpan.FromSeconds(60));

            Assert.That(settled, Is.True, $"the reconciler recorded the {kind} once the gateway answered");
            Assert.That(_shop.Gateway.Moves().Where(m => m.OrderId == order && m.Operation == kind).Select(m => (m.Operation, m.Approved, m.Calls)),
                Is.EqualTo(new[] { (kind, true, 2) }), $"one key, one {kind}: made by the first call, answered by the repeat");
            Assert.That(await StatusesAsync(order), Is.EqualTo(kind switch
            {
                "void" => ("cancelled", "voided"),
                "capture" => ("placed", "paid"),
                _ => ("cancelled", "refunded"),
            }));
        }
        finally
        {
            _shop.Gateway.DecideMove = (_, _) => MoveFault.None;
        }
        await _shop.AssertInvariantsAsync();
    }

    [Test]
    public async Task A_capture_the_gateway_refuses_fails_at_once_and_may_be_retried()
    {
        var order = await PlacedOrderAsync(captured: false);
        _shop.Gateway.DecideMove = (operation, orderId) => orderId == order && operation == "capture" ? MoveFault.Refuse : MoveFault.None;
        ApiResponse response;
        try
        {
            response = await _shop.Api.TriggerAsync(order, "_capture");
        }
        finally
        {
            _shop.Gateway.DecideMove = (_, _) => MoveFault.None;
        }

        var retried = await _shop.Api.TriggerAsync(order, "_capture");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadGateway), response.ToString());
        Assert.That(response.Error.Text("detail"), Does.Contain("the capture was not made"));
        Assert.That(retried.Status, Is.EqualTo(HttpStatusCode.OK), retried.ToString());
        Assert.That(await TransactionStatusesAsync(order, "capture"), Is.EquivalentTo(new[] { "failed", "succeeded" }));
        Assert.That(await StatusesAsync(order), Is.EqualTo(("placed", "paid")));
        await _shop.AssertInvariantsAsync();
    }

    private async Task<string> PlacedOrderAsync(bool captured)
    {
        var order = await new CheckoutBuilder(_shop.Api).PaidByCard("tok_visa").BuildAsync();
        var placed = await _shop.Api.PlaceAsync(order.Id);
        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
        if (captured)
        {
            var capture = await _shop.Api.TriggerAsync(order.Id, "_capture");
            Assert.That(capture.Status, Is.EqualTo(HttpStatusCode.OK), capture.ToString());
        }
        return order.Id;
    }

    private static string Trigger(string kind) => kind switch { "void" => "_cancel", "capture" => "_capture", _ => "_refund" };

    private async Task<(string? Status, string? PaymentStatus)> StatusesAsync(string order)
    {
        var attributes = await _shop.Api.OrderAsync(order);
        return (attributes.Text("status"), attributes.Text("payment_status"));
    }

    private async Task<string?[]> TransactionStatusesAsync(string order, string kind) =>
        [.. (await _shop.Api.RelatedAsync(order, kind switch { "void" => "voids", "capture" => "captures", _ => "refunds" }))
            .Select(t => t!["attributes"]!.Text("status"))];
}
