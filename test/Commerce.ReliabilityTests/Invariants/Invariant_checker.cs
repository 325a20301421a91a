using System.Net;
using Commerce.ReliabilityTests.Infrastructure;

namespace Commerce.ReliabilityTests.Invariants;

/// <summary>
/// The checker finds nothing wrong in a real run, and finds each kind of broken row seeded on purpose: a check that
/// cannot fail proves nothing. Every breaking test breaks an order of its own, so they do not disturb each other.
/// </summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.PostgreSql)]
[NonParallelizable]
public sealed class Invariant_checker(Provider provider)
{
    private InProcessShop _shop = null!;
    private IReadOnlyDictionary<string, long> _initialStock = null!;
    private readonly List<string> _placed = [];
    private string _cancelled = null!;
    private string _pending = null!;
    private string _negativeSku = null!;
    private IReadOnlyList<Violation> _cleanRun = null!;

    [OneTimeSetUp]
    public async Task RunAShop()
    {
        _shop = await InProcessShop.StartAsync(provider);
        _initialStock = await _shop.Checker.StockAsync();
        _negativeSku = (await TestCatalog.CreateSkuAsync(_shop.Api, new Dictionary<string, long> { ["EUR"] = 1000 }, stock: 5)).Code;

        for (var i = 0; i < 14; i++)
        {
            var order = await new CheckoutBuilder(_shop.Api).WithItem(DemoSkus.Mug, 1 + (i % 2)).BuildAsync();
            var placed = await _shop.Api.PlaceAsync(order.Id);
            Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
            _placed.Add(order.Id);
        }
        _cancelled = (await new CheckoutBuilder(_shop.Api).BuildAsync()).Id;
        Assert.That((await _shop.Api.PlaceAsync(_cancelled)).Status, Is.EqualTo(HttpStatusCode.OK));
        var cancel = await _shop.Api.TriggerAsync(_cancelled, "_cancel");
        Assert.That(cancel.Status, Is.EqualTo(HttpStatusCode.OK), cancel.ToString());
        _pending = (await new CheckoutBuilder(_shop.Api).BuildAsync()).Id;
        await Eventually.OutboxIdleAsync(_shop.Api);
        // Checked here, before any test breaks a row on purpose.
        _cleanRun = await _shop.Checker.CheckAsync(_shop.Gateway.Snapshot(), _initialStock, paymentsSettledBefore: DateTimeOffset.UtcNow);
        Figures.For(provider).Checked(_cleanRun.Count);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_shop is not null)
            await _shop.DisposeAsync();
    }

    private async Task<IReadOnlyList<Violation>> CheckAsync(IReadOnlyCollection<GatewayRecord>? gateway = null) =>
        await _shop.Checker.CheckAsync(gateway ?? _shop.Gateway.Snapshot(), _initialStock);

    private static void AssertReported(IReadOnlyList<Violation> violations, string kind, string subject) =>
        Assert.That(violations.Any(v => v.Kind == kind && v.Subject == subject), Is.True,
            $"expected a {kind} violation about {subject}; reported: {string.Join("\n", violations)}");

    [Test]
    public void A_real_run_with_placements_and_a_cancellation_has_no_violations()
    {
        Assert.That(_cleanRun, Is.Empty, string.Join("\n", _cleanRun));
        Assert.That(_shop.Gateway.BadSignatures, Is.Zero, "every gateway call was signed with the shared secret");
    }

    [Test]
    public async Task A_payment_source_authorized_for_two_orders_is_reported()
    {
        // The unique index stops a second link; the checker must see one all the same (a bug elsewhere, an old database).
        await _shop.Database.ExecuteAsync("DROP INDEX \"IX_orders_payment_source_id\"");
        var source = await _shop.Database.ScalarAsync($"SELECT payment_source_id FROM orders WHERE id = '{_placed[12]}'");
        await _shop.Database.ExecuteAsync($"UPDATE orders SET payment_source_id = '{source}' WHERE id = '{_placed[13]}'");

        AssertReported(await CheckAsync(), Invariant.OneOrderPerSource, (string)source!);
    }

    [Test]
    public async Task A_recommendation_count_off_by_one_is_reported()
    {
        var mug = (string)(await _shop.Database.ScalarAsync($"SELECT id FROM skus WHERE code = '{DemoSkus.Mug}'"))!;
        await _shop.Database.ExecuteAsync($"UPDATE sku_sales SET orders_count = orders_count + 1 WHERE sku_id = '{mug}'");

        AssertReported(await CheckAsync(), Invariant.RecommendationCounts, mug);
    }

    [Test]
    public async Task A_second_succeeded_authorization_is_reported()
    {
        await _shop.Database.ExecuteAsync($"""
            INSERT INTO payment_transactions (id, kind, order_id, amount_cents, currency_code, succeeded, status, idempotency_key, gateway_reference, message, error_code, created_at, updated_at)
            SELECT 'dup' || id, kind, order_id, amount_cents, currency_code, succeeded, status, 'dup' || idempotency_key, gateway_reference, message, error_code, created_at, updated_at
            FROM payment_transactions WHERE order_id = '{_placed[0]}' AND kind = 'authorization'
            """);

        AssertReported(await CheckAsync(), Invariant.OneAuthorization, _placed[0]);
    }

    [Test]
    public async Task An_authorization_for_another_amount_than_the_total_is_reported()
    {
        await _shop.Database.ExecuteAsync($"UPDATE payment_transactions SET amount_cents = amount_cents + 1 WHERE order_id = '{_placed[1]}' AND kind = 'authorization'");

        AssertReported(await CheckAsync(), Invariant.AuthorizedTotal, _placed[1]);
    }

    [Test]
    public async Task A_placed_order_without_a_succeeded_authorization_is_reported()
    {
        await _shop.Database.ExecuteAsync($"UPDATE payment_transactions SET status = 'failed', succeeded = FALSE WHERE order_id = '{_placed[2]}' AND kind = 'authorization'");

        AssertReported(await CheckAsync(), Invariant.OneAuthorization, _placed[2]);
    }

    [Test]
    public async Task A_succeeded_authorization_of_an_order_that_is_not_placed_is_reported()
    {
        await _shop.Database.ExecuteAsync($"UPDATE orders SET status = 'pending', number = NULL WHERE id = '{_placed[3]}'");

        var violations = await CheckAsync();

        AssertReported(violations, Invariant.NoMoneyWithoutPlacement, _placed[3]);
        AssertReported(violations, Invariant.GatewayOnce, _placed[3]);
    }

    [Test]
    public async Task A_cancelled_order_whose_void_did_not_succeed_is_reported()
    {
        await _shop.Database.ExecuteAsync($"UPDATE payment_transactions SET status = 'failed', succeeded = FALSE WHERE order_id = '{_cancelled}' AND kind = 'void'");

        AssertReported(await CheckAsync(), Invariant.VoidedWhenCancelled, _cancelled);
    }

    [Test]
    public async Task A_void_left_pending_past_the_settle_pass_is_reported()
    {
        var order = (await new CheckoutBuilder(_shop.Api).BuildAsync()).Id;
        Assert.That((await _shop.Api.PlaceAsync(order)).Status, Is.EqualTo(HttpStatusCode.OK));
        // Written "in an hour", so that the shop's own reconciler (it takes those older than a few seconds) leaves it pending.
        var writtenAt = DateTimeOffset.UtcNow.AddHours(1);
        await _shop.Database.ExecuteAsync($"""
            INSERT INTO payment_transactions (id, kind, order_id, amount_cents, currency_code, succeeded, status, idempotency_key, created_at, updated_at)
            SELECT 'cut' || id, 'void', order_id, amount_cents, currency_code, FALSE, 'pending', 'cut' || idempotency_key, {InvariantChecker.TimeLiteral(provider, writtenAt)}, {InvariantChecker.TimeLiteral(provider, writtenAt)}
            FROM payment_transactions WHERE order_id = '{order}' AND kind = 'authorization'
            """);

        var afterThePass = await _shop.Checker.CheckAsync(paymentsSettledBefore: writtenAt.AddMinutes(1));
        var beforeItsTime = await _shop.Checker.CheckAsync(paymentsSettledBefore: writtenAt.AddMinutes(-1));

        AssertReported(afterThePass, Invariant.SettledPayment, order);
        Assert.That(beforeItsTime.Where(v => v.Kind == Invariant.SettledPayment), Is.Empty, "a void younger than the limit may still be in flight");
    }

    [Test]
    public async Task An_order_left_placing_is_reported()
    {
        await _shop.Database.ExecuteAsync($"UPDATE orders SET status = 'placing' WHERE id = '{_pending}'");

        AssertReported(await CheckAsync(), Invariant.SettledPlacement, _pending);
    }

    [Test]
    public async Task A_placed_order_without_a_number_is_reported()
    {
        await _shop.Database.ExecuteAsync($"UPDATE orders SET number = NULL WHERE id = '{_placed[4]}'");

        AssertReported(await CheckAsync(), Invariant.OrderNumber, _placed[4]);
    }

    [Test]
    public async Task Two_orders_with_one_number_are_reported()
    {
        // The unique index would refuse the row: drop it, as a broken migration would.
        await _shop.Database.ExecuteAsync("DROP INDEX \"IX_orders_number\"");
        await _shop.Database.ExecuteAsync($"UPDATE orders SET number = (SELECT number FROM orders WHERE id = '{_placed[5]}') WHERE id = '{_placed[6]}'");
        var number = (await _shop.Api.OrderAsync(_placed[5]))["number"]!.GetValue<long>();

        AssertReported(await CheckAsync(), Invariant.UniqueOrderNumber, number.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Test]
    public async Task Negative_stock_is_reported()
    {
        // The check constraint would refuse the row: lift it, as a broken migration would.
        await _shop.Database.ExecuteAsync((provider == Provider.Sqlite ? "PRAGMA ignore_check_constraints = ON; " : "ALTER TABLE stock_items DROP CONSTRAINT ck_stock_items_quantity; ")
            + $"UPDATE stock_items SET quantity = -1 WHERE sku_id = (SELECT id FROM skus WHERE code = '{_negativeSku}')");

        AssertReported(await CheckAsync(), Invariant.StockNotNegative, _negativeSku);
    }

    [Test]
    public async Task A_unit_returned_to_stock_twice_is_reported()
    {
        await _shop.Database.ExecuteAsync($"UPDATE stock_items SET quantity = quantity + 1 WHERE sku_id = (SELECT id FROM skus WHERE code = '{DemoSkus.Mug}')");

        AssertReported(await CheckAsync(), Invariant.StockConserved, DemoSkus.Mug);
    }

    [Test]
    public async Task A_placed_order_without_its_shipment_is_reported()
    {
        await _shop.Database.ExecuteAsync($"DELETE FROM shipments WHERE order_id = '{_placed[7]}'");

        AssertReported(await CheckAsync(), Invariant.OutboxOnce, _placed[7]);
    }

    [Test]
    public async Task A_place_event_recorded_twice_is_reported()
    {
        await _shop.Database.ExecuteAsync($"""
            INSERT INTO outbox_events (id, topic, resource_type, resource_id, status, attempts, next_attempt_at, locked_until, locked_by, last_error, created_at, processed_at)
            SELECT 'dup' || id, topic, resource_type, resource_id, status, attempts, next_attempt_at, locked_until, locked_by, last_error, created_at, processed_at
            FROM outbox_events WHERE resource_id = '{_placed[8]}' AND topic = 'orders.place'
            """);

        AssertReported(await CheckAsync(), Invariant.OutboxOnce, _placed[8]);
    }

    [Test]
    public async Task A_handler_whose_marker_is_missing_is_reported()
    {
        await _shop.Database.ExecuteAsync($"DELETE FROM outbox_handled WHERE handler = 'shipments.create' AND event_id = (SELECT id FROM outbox_events WHERE resource_id = '{_placed[9]}' AND topic = 'orders.place')");

        AssertReported(await CheckAsync(), Invariant.OutboxOnce, _placed[9]);
    }

    [Test]
    public async Task A_parked_event_is_reported()
    {
        await _shop.Database.ExecuteAsync($"UPDATE outbox_events SET status = 'parked' WHERE resource_id = '{_placed[10]}'");

        var violations = await CheckAsync();

        Assert.That(violations.Any(v => v.Kind == Invariant.OutboxOnce && v.Text.Contains("parked", StringComparison.Ordinal)), Is.True, string.Join("\n", violations));
    }

    [Test]
    public async Task Money_the_gateway_holds_for_an_order_not_placed_is_reported()
    {
        var gateway = _shop.Gateway.Snapshot().Append(new GatewayRecord("idem_extra", _pending, 1450, "EUR", "authorized")).ToList();

        AssertReported(await CheckAsync(gateway), Invariant.GatewayOnce, _pending);
    }

    [Test]
    public async Task A_second_authorization_the_gateway_holds_for_a_placed_order_is_reported()
    {
        var gateway = _shop.Gateway.Snapshot().Append(new GatewayRecord("idem_twice", _placed[11], 1450, "EUR", "authorized")).ToList();

        AssertReported(await CheckAsync(gateway), Invariant.GatewayOnce, _placed[11]);
    }

    [Test]
    public async Task A_placed_order_whose_authorization_the_gateway_voided_is_reported()
    {
        var gateway = _shop.Gateway.Snapshot().Select(g => g.OrderId == _placed[11] ? g with { Status = "voided" } : g).ToList();

        AssertReported(await CheckAsync(gateway), Invariant.GatewayOnce, _placed[11]);
    }
}
