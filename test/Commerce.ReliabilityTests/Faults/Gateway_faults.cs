using System.Net;
using Commerce.IntegrationTests.Infrastructure;
using Commerce.IntegrationTests.Orders;
using Commerce.ReliabilityTests.Infrastructure;
using Commerce.ReliabilityTests.Invariants;
using static Commerce.IntegrationTests.Infrastructure.JsonApiClient;

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
    private const double ReconcileAfterSeconds = 3.5;
    private TestDatabase _database = null!;
    private FakeGateway _gateway = null!;
    private CommerceFactory _factory = null!;
    private JsonApiClient _api = null!;
    private InvariantChecker _checker = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _database = TestDatabase.Create(provider);
        _gateway = await FakeGateway.StartAsync();
        _gateway.SlowDelay = TimeSpan.FromSeconds(1);
        _gateway.LateBy = TimeSpan.FromSeconds(GatewayTimeoutSeconds + 1);
        _factory = new CommerceFactory(Shop.Settings(_database, _gateway, GatewayTimeoutSeconds, ReconcileAfterSeconds));
        _api = Shop.Client(_factory, Figures.For(provider));
        await Shop.UseExternalGatewayAsync(_api);
        _checker = new InvariantChecker(_database);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_gateway is not null)
            Figures.For(provider).Fault(_gateway.FaultsInjected);
        _api?.Http.Dispose();
        _factory?.Dispose();
        if (_gateway is not null)
            await _gateway.DisposeAsync();
        if (_database is not null)
            await _database.DisposeAsync();
    }

    private async Task AssertInvariantsAsync()
    {
        await Eventually.OutboxIdleAsync(_api);
        var violations = await _checker.CheckAsync(_gateway.Snapshot());
        Figures.For(provider).Checked(violations.Count);
        Assert.That(violations, Is.Empty, string.Join("\n", violations));
    }

    [TestCase("tok_decline", HttpStatusCode.UnprocessableEntity, "PAYMENT_DECLINED")]
    [TestCase("tok_error", HttpStatusCode.BadGateway, "PAYMENT_GATEWAY_ERROR")]
    [TestCase("tok_hang", HttpStatusCode.BadGateway, "PAYMENT_GATEWAY_ERROR")]
    [TestCase("tok_late", HttpStatusCode.BadGateway, "PAYMENT_GATEWAY_ERROR")]
    public async Task A_gateway_fault_fails_the_placement_leaves_the_order_pending_and_holds_no_money(string token, HttpStatusCode status, string code)
    {
        var order = await new CheckoutBuilder(_api).PaidByCard(token).BuildAsync();

        var response = await _api.PlaceAsync(order.Id);

        Assert.That(response.Status, Is.EqualTo(status), response.ToString());
        Assert.That(response.Error.Text("code"), Is.EqualTo(code));
        Assert.That(response.ToString(), Does.Not.Contain(token), "tokens never appear in answers");
        var after = await _api.OrderAsync(order.Id);
        Assert.That(after.Text("status"), Is.EqualTo("pending"));
        Assert.That(after.Text("payment_status"), Is.EqualTo("unpaid"));
        Assert.That(_gateway.Snapshot().Where(g => g.OrderId == order.Id && g.Holds), Is.Empty, "no money is held");
        await AssertInvariantsAsync();
    }

    [Test]
    public async Task A_gateway_that_authorizes_then_answers_after_the_caller_gave_up_has_its_authorization_voided()
    {
        var order = await new CheckoutBuilder(_api).PaidByCard("tok_late").BuildAsync();

        var response = await _api.PlaceAsync(order.Id);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadGateway), response.ToString());
        Assert.That(_gateway.Snapshot().Where(g => g.OrderId == order.Id).Select(g => g.Status), Is.EqualTo(new[] { "voided" }));
        Assert.That(await _api.RelatedAsync(order.Id, "voids"), Has.Count.EqualTo(1), "the void is recorded");
        await AssertInvariantsAsync();
    }

    [Test]
    public async Task An_authorization_the_gateway_commits_after_the_service_gave_up_is_voided_by_the_reconciler()
    {
        var order = await new CheckoutBuilder(_api).PaidByCard("tok_commit_after_lookup").BuildAsync();

        var response = await _api.PlaceAsync(order.Id);
        var held = await Eventually.TrueAsync(() => Task.FromResult(_gateway.Snapshot().Any(g => g.OrderId == order.Id)), TimeSpan.FromSeconds(60));
        var voided = await Eventually.TrueAsync(() => Task.FromResult(
            _gateway.Snapshot().Where(g => g.OrderId == order.Id).Select(g => g.Status).SequenceEqual(["voided"])), TimeSpan.FromSeconds(60));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadGateway), response.ToString());
        Assert.That(held, Is.True, "the gateway committed the authorization after the service's lookup");
        Assert.That(voided, Is.True, "the reconciler found it and voided it");
        Assert.That(await _api.RelatedAsync(order.Id, "voids"), Has.Count.EqualTo(1), "the void is recorded");
        Assert.That((await _api.OrderAsync(order.Id)).Text("status"), Is.EqualTo("pending"));
        await AssertInvariantsAsync();
    }

    [Test]
    public async Task A_slow_gateway_within_the_timeout_places_the_order_once()
    {
        var order = await new CheckoutBuilder(_api).PaidByCard("tok_slow").BuildAsync();

        var response = await _api.PlaceAsync(order.Id);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(_gateway.AuthorizeCallsFor(order.Id), Is.EqualTo(1));
        await AssertInvariantsAsync();
    }

    [TestCase("tok_decline")]
    [TestCase("tok_error")]
    [TestCase("tok_hang")]
    [TestCase("tok_late")]
    public async Task After_a_fault_a_retry_with_a_good_token_places_the_order_once(string token)
    {
        var order = await new CheckoutBuilder(_api).PaidByCard(token).BuildAsync();
        var failed = await _api.PlaceAsync(order.Id);
        var changed = await _api.PatchAsync($"external_payments/{order.PaymentSourceId}",
            Document("external_payments", new { payment_source_token = "tok_visa" }, id: order.PaymentSourceId));

        var retried = await _api.PlaceAsync(order.Id);

        Assert.That(failed.Status, Is.Not.EqualTo(HttpStatusCode.OK), failed.ToString());
        Assert.That(changed.Status, Is.EqualTo(HttpStatusCode.OK), changed.ToString());
        Assert.That(retried.Status, Is.EqualTo(HttpStatusCode.OK), retried.ToString());
        Assert.That(_gateway.Snapshot().Count(g => g.OrderId == order.Id && g.Holds), Is.EqualTo(1));
        await AssertInvariantsAsync();
    }

    /// <summary>
    /// The reconciler takes orders placing for longer than ReconcileAfterSeconds. An order last changed long before it
    /// is placed must not look stuck while its (slow, in time) authorization is still being asked for.
    /// </summary>
    [Test]
    public async Task A_slow_placement_of_an_order_last_changed_long_ago_is_not_taken_by_the_reconciler()
    {
        var order = await new CheckoutBuilder(_api).PaidByCard("tok_slow").BuildAsync();
        await Task.Delay(TimeSpan.FromSeconds(ReconcileAfterSeconds + 1)); // the order's last change is now older than the reconciler's limit

        var response = await _api.PlaceAsync(order.Id);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That((await _api.OrderAsync(order.Id)).Text("status"), Is.EqualTo("placed"));
        await AssertInvariantsAsync();
    }
}
