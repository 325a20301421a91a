using System.Globalization;
using System.Net;
using Commerce.Api.Placement;
using Commerce.ReliabilityTests.Infrastructure;
using Commerce.ReliabilityTests.Invariants;

namespace Commerce.ReliabilityTests.Faults;

/// <summary>
/// The built service is killed with SIGKILL at a KNOWN point of a placement or of a <c>_cancel</c>, <c>_capture</c> or
/// <c>_refund</c>, and restarted on the same database: each test asserts the kill cut the request off exactly there (the
/// service said it halted there, the client's connection dropped, the rows are as that point leaves them), then that the
/// restarted service settles exactly what it should, and the invariants hold. The service halts at the point because the
/// test starts it with <c>Testing:HaltAt</c> (<see cref="HaltPoints"/>: a test-only proxy of its stores, registered only
/// with that setting); the restart runs without it. Payments go through the fake external gateway, which keeps every
/// authorization by key and answers a repeated void/capture/refund key with its first answer.
/// </summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.PostgreSql)]
[NonParallelizable]
public sealed class Killing_at_named_points(Provider provider)
{
    // Generous for a loaded machine (the gateway answers at once, but the test process serving it shares the cores); the
    // reconciler's age limit is longer than twice it, as the service demands, and longer than a halt takes to be killed,
    // so the halted service's own reconciler never settles what the test is about to cut off.
    private const double GatewayTimeoutSeconds = 5;
    private const double ReconcileAfterSeconds = 11;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    private TestDatabase _database = null!;
    private FakeGateway _gateway = null!;
    private Dictionary<string, string?> _settings = null!;
    private InvariantChecker _checker = null!;
    private IReadOnlyDictionary<string, long> _initialStock = null!;
    private string _sku = null!;
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _prepared = [];

    [OneTimeSetUp]
    public async Task Prepare()
    {
        _database = TestDatabase.Create(provider);
        _gateway = await FakeGateway.StartAsync();
        _settings = Shop.Settings(_database, _gateway, GatewayTimeoutSeconds, ReconcileAfterSeconds);
        _checker = new InvariantChecker(_database);
        var (service, api) = await StartAsync(haltAt: null);
        await using (service)
        using (api.Http)
        {
            await Shop.UseExternalGatewayAsync(api);
            _sku = (await TestCatalog.CreateSkuAsync(api, new Dictionary<string, long> { ["EUR"] = 1990 }, stock: 100)).Code;
            _initialStock = await _checker.StockAsync();
            // The orders the payment tests cancel, capture and refund: placed (and captured, for the refund) here, by a
            // service that halts nowhere.
            foreach (var point in new[] { Began, Approved })
            {
                var orders = new Dictionary<string, string>();
                foreach (var kind in Kinds)
                    orders[kind] = await PlacedOrderAsync(api, captured: kind == "refund");
                _prepared[point] = orders;
            }
            await Eventually.OutboxIdleAsync(api);
        }
    }

    [OneTimeTearDown]
    public async Task CleanUp()
    {
        if (_gateway is not null)
            await _gateway.DisposeAsync();
        if (_database is not null)
            await _database.DisposeAsync();
    }

    [Test]
    public async Task Killed_after_the_compare_and_set_and_its_pending_authorization_the_restart_fails_it_and_gives_the_order_back_its_status_and_the_stock_its_units()
    {
        var (service, api) = await StartAsync(HaltPoints.PlacementBegan);
        var order = await new CheckoutBuilder(api).WithItem(_sku, 2).BuildAsync();
        var stock = await UnitsAsync();

        await KillAtAsync(service, api, HaltPoints.PlacementBegan, order.Id, api.PlaceAsync(order.Id));

        Assert.That(await OrderColumnAsync(order.Id, "status"), Is.EqualTo("placing"), "cut off after the compare-and-set");
        Assert.That(await UnitsAsync(), Is.EqualTo(stock - 2), "the compare-and-set took the units");
        Assert.That(await TransactionsAsync(order.Id, "authorization"), Is.EqualTo(new[] { "pending" }), "committed with the compare-and-set");
        Assert.That(_gateway.AuthorizeCallsFor(order.Id), Is.Zero, "and the gateway not asked");

        (service, api) = await RestartAsync();
        await using (service)
        using (api.Http)
        {
            await UntilAsync(async () => await OrderColumnAsync(order.Id, "status") != "placing", "the reconciler settles the order");
            Assert.That(await OrderColumnAsync(order.Id, "status"), Is.EqualTo("pending"));
            Assert.That(await OrderColumnAsync(order.Id, "payment_status"), Is.EqualTo("unpaid"));
            Assert.That(await OrderColumnAsync(order.Id, "number"), Is.Null);
            Assert.That(await TransactionsAsync(order.Id, "authorization"), Is.EqualTo(new[] { "failed" }), "nothing was held under its key");
            Assert.That(await UnitsAsync(), Is.EqualTo(stock), "the units are back");
            Assert.That(_gateway.AuthorizeCallsFor(order.Id), Is.Zero, "the reconciler only looked the key up");
            await PlacesOnceAsync(api, order.Id);
        }
        await AssertInvariantsAsync();
    }

    [Test]
    public async Task Killed_after_the_gateway_approved_and_before_the_save_the_restart_places_the_order_with_that_authorization()
    {
        var (service, api) = await StartAsync(HaltPoints.PlacementApproved);
        var order = await new CheckoutBuilder(api).WithItem(_sku).BuildAsync();
        var stock = await UnitsAsync();

        await KillAtAsync(service, api, HaltPoints.PlacementApproved, order.Id, api.PlaceAsync(order.Id));

        Assert.That(await OrderColumnAsync(order.Id, "status"), Is.EqualTo("placing"));
        Assert.That(await TransactionsAsync(order.Id, "authorization"), Is.EqualTo(new[] { "pending" }), "cut off before the save");
        Assert.That(_gateway.Snapshot().Where(g => g.OrderId == order.Id).Select(g => g.Status), Is.EqualTo(new[] { "authorized" }),
            "and after the gateway approved");

        (service, api) = await RestartAsync();
        await using (service)
        using (api.Http)
        {
            await UntilAsync(async () => await OrderColumnAsync(order.Id, "status") != "placing", "the reconciler settles the order");
            Assert.That(await OrderColumnAsync(order.Id, "status"), Is.EqualTo("placed"));
            Assert.That(await OrderColumnAsync(order.Id, "payment_status"), Is.EqualTo("authorized"));
            Assert.That(await OrderColumnAsync(order.Id, "number"), Is.Not.Null);
            Assert.That(await TransactionsAsync(order.Id, "authorization"), Is.EqualTo(new[] { "succeeded" }));
            Assert.That(await UnitsAsync(), Is.EqualTo(stock - 1), "the units stay taken, once");
            Assert.That(_gateway.AuthorizeCallsFor(order.Id), Is.EqualTo(1), "authorized once: the reconciler only looked the key up");
            Assert.That(_gateway.Snapshot().Where(g => g.OrderId == order.Id).Select(g => g.Status), Is.EqualTo(new[] { "authorized" }));
            await Eventually.OutboxIdleAsync(api);
            Assert.That(await api.RelatedAsync(order.Id, "shipments"), Has.Count.EqualTo(1), "the placement's event ran once");
        }
        await AssertInvariantsAsync();
    }

    [Test]
    public async Task Killed_after_a_cancel_capture_and_refund_claimed_their_orders_the_restart_asks_the_gateway_once_for_each_and_settles_them()
    {
        var orders = _prepared[Began];
        var (service, api) = await StartAsync(string.Join(",", Kinds.Select(HaltPoints.PaymentBegan)));

        await KillAtAsync(service, api, [.. Kinds.Select(kind => (HaltPoints.PaymentBegan(kind), orders[kind], api.TriggerAsync(orders[kind], Trigger(kind))))]);

        foreach (var kind in Kinds)
        {
            Assert.That(await TransactionsAsync(orders[kind], kind), Is.EqualTo(new[] { "pending" }), $"the {kind} was cut off after the claim and its pending transaction were committed");
            Assert.That(_gateway.Moves().Where(m => m.OrderId == orders[kind] && m.Operation == kind), Is.Empty, $"and before the gateway was asked for the {kind}");
            Assert.That(await StatusesAsync(orders[kind]), Is.EqualTo(Before(kind)));
        }

        await RestartAndAssertSettledAsync(orders, callsWithTheKey: 1);
    }

    [Test]
    public async Task Killed_after_the_gateway_moved_the_money_the_restart_records_each_movement_without_moving_it_again()
    {
        var orders = _prepared[Approved];
        var (service, api) = await StartAsync(string.Join(",", Kinds.Select(HaltPoints.PaymentApproved)));

        await KillAtAsync(service, api, [.. Kinds.Select(kind => (HaltPoints.PaymentApproved(kind), orders[kind], api.TriggerAsync(orders[kind], Trigger(kind))))]);

        foreach (var kind in Kinds)
        {
            Assert.That(await TransactionsAsync(orders[kind], kind), Is.EqualTo(new[] { "pending" }), $"the {kind} was cut off before the save");
            Assert.That(_gateway.Moves().Where(m => m.OrderId == orders[kind] && m.Operation == kind).Select(m => (m.Operation, m.Approved, m.Calls)),
                Is.EqualTo(new[] { (kind, true, 1) }), $"and after the gateway made the {kind}");
            Assert.That(await StatusesAsync(orders[kind]), Is.EqualTo(Before(kind)));
        }

        await RestartAndAssertSettledAsync(orders, callsWithTheKey: 2);
    }

    /// <summary>
    /// Restarts the service and waits until the reconciler settled each order's pending movement; then the gateway acted once
    /// under each movement's key (asked <paramref name="callsWithTheKey"/> times), and each order is where the movement takes it.
    /// </summary>
    private async Task RestartAndAssertSettledAsync(IReadOnlyDictionary<string, string> orders, int callsWithTheKey)
    {
        var (service, api) = await RestartAsync();
        await using (service)
        using (api.Http)
        {
            foreach (var kind in Kinds)
            {
                var order = orders[kind];
                await UntilAsync(async () => (await TransactionsAsync(order, kind)).SequenceEqual(["succeeded"]), $"the reconciler settles the {kind}");
                Assert.That(_gateway.Moves().Where(m => m.OrderId == order && m.Operation == kind).Select(m => (m.Operation, m.Approved, m.Calls)),
                    Is.EqualTo(new[] { (kind, true, callsWithTheKey) }), $"one key, one {kind}: the reconciler asked again with the request's key");
                Assert.That(_gateway.Snapshot().Where(g => g.OrderId == order).Select(g => g.Status), Is.EqualTo(new[] { Moved(kind) }));
                Assert.That(await StatusesAsync(order), Is.EqualTo(After(kind)));
            }
            await Eventually.OutboxIdleAsync(api);
        }
        await AssertInvariantsAsync();
    }

    private static readonly string[] Kinds = ["void", "capture", "refund"];
    private const string Began = "began";
    private const string Approved = "approved";

    private static string Trigger(string kind) => kind switch { "void" => "_cancel", "capture" => "_capture", _ => "_refund" };

    /// <summary>The order's status and payment status before the movement, and after it.</summary>
    private static (string, string) Before(string kind) => kind == "refund" ? ("placed", "paid") : ("placed", "authorized");
    [Test]
    public async Task Killed_after_the_compare_and_set_with_a_coupon_and_a_gift_card_held_the_restart_releases_both_exactly_once()
    {
        var (service, api) = await StartAsync(HaltPoints.PlacementBegan);
        var (couponId, code) = await CouponAsync(api);
        var (cardId, cardCode) = await GiftCardAsync(api, 1000);
        var order = await new CheckoutBuilder(api).WithItem(_sku).BuildAsync();
        Assert.That((await api.PatchAsync($"orders/{order.Id}", Document("orders", new { coupon_code = code, gift_card_code = cardCode }, id: order.Id))).Status,
            Is.EqualTo(HttpStatusCode.OK));

        await KillAtAsync(service, api, HaltPoints.PlacementBegan, order.Id, api.PlaceAsync(order.Id));

        Assert.That(await OrderColumnAsync(order.Id, "status"), Is.EqualTo("placing"), "cut off after the compare-and-set");
        Assert.That(await HoldsAsync(order.Id), Is.EqualTo(new[] { "held", "held", "held" }), "the promotion, the coupon and the card are held");
        Assert.That(await CountAsync($"SELECT usage_count FROM coupons WHERE id = '{couponId}'"), Is.EqualTo(1));
        Assert.That(await CountAsync($"SELECT balance_cents FROM gift_cards WHERE id = '{cardId}'"), Is.EqualTo(0));

        (service, api) = await RestartAsync();
        await using (service)
        using (api.Http)
        {
            await UntilAsync(async () => await OrderColumnAsync(order.Id, "status") != "placing", "the reconciler settles the order");
            Assert.That(await OrderColumnAsync(order.Id, "status"), Is.EqualTo("pending"));
            Assert.That(await HoldsAsync(order.Id), Is.EqualTo(new[] { "released", "released", "released" }), "each hold released once");
            Assert.That(await CountAsync($"SELECT usage_count FROM coupons WHERE id = '{couponId}'"), Is.Zero, "the coupon's use is back");
            Assert.That(await CountAsync($"SELECT balance_cents FROM gift_cards WHERE id = '{cardId}'"), Is.EqualTo(1000), "the card's balance is back");
            await PlacesOnceAsync(api, order.Id);
            Assert.That(await CountAsync($"SELECT usage_count FROM coupons WHERE id = '{couponId}'"), Is.EqualTo(1), "placed again: one use");
            Assert.That(await CountAsync($"SELECT balance_cents FROM gift_cards WHERE id = '{cardId}'"), Is.Zero, "and the card spent once");
        }
        await AssertInvariantsAsync();
    }

    [Test]
    public async Task Killed_after_the_gateway_approved_with_a_coupon_and_a_gift_card_held_the_restart_commits_them_once()
    {
        var (service, api) = await StartAsync(HaltPoints.PlacementApproved);
        var (couponId, code) = await CouponAsync(api);
        var (cardId, cardCode) = await GiftCardAsync(api, 1000);
        var order = await new CheckoutBuilder(api).WithItem(_sku).BuildAsync();
        Assert.That((await api.PatchAsync($"orders/{order.Id}", Document("orders", new { coupon_code = code, gift_card_code = cardCode }, id: order.Id))).Status,
            Is.EqualTo(HttpStatusCode.OK));

        await KillAtAsync(service, api, HaltPoints.PlacementApproved, order.Id, api.PlaceAsync(order.Id));

        Assert.That(await HoldsAsync(order.Id), Is.EqualTo(new[] { "held", "held", "held" }), "cut off before the save");

        (service, api) = await RestartAsync();
        await using (service)
        using (api.Http)
        {
            await UntilAsync(async () => await OrderColumnAsync(order.Id, "status") != "placing", "the reconciler settles the order");
            Assert.That(await OrderColumnAsync(order.Id, "status"), Is.EqualTo("placed"));
            Assert.That(await HoldsAsync(order.Id), Is.EqualTo(new[] { "committed", "committed", "committed" }), "each hold committed once");
            Assert.That(await CountAsync($"SELECT usage_count FROM coupons WHERE id = '{couponId}'"), Is.EqualTo(1));
            Assert.That(await CountAsync($"SELECT balance_cents FROM gift_cards WHERE id = '{cardId}'"), Is.Zero);
            Assert.That(_gateway.AuthorizeCallsFor(order.Id), Is.EqualTo(1), "authorized once");
            await Eventually.OutboxIdleAsync(api);
        }
        await AssertInvariantsAsync();
    }

    /// <summary>A 10% promotion with a coupon (unique code) of unlimited uses.</summary>
    private static async Task<(string CouponId, string Code)> CouponAsync(JsonApiClient api)
    {
        var now = DateTimeOffset.UtcNow;
        var promotion = await api.PostAsync("percentage_discount_promotions", Document("percentage_discount_promotions", new
        {
            name = "Crash test", currency_code = "EUR", percentage = 10, starts_at = now.AddDays(-1), expires_at = now.AddDays(30),
        }));
        Assert.That(promotion.Status, Is.EqualTo(HttpStatusCode.Created), promotion.ToString());
        var rule = await api.PostAsync("coupon_codes_promotion_rules", Document("coupon_codes_promotion_rules", null,
            new { promotion = ToOne("percentage_discount_promotions", promotion.Id) }));
        var code = "CRASH" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var coupon = await api.PostAsync("coupons", Document("coupons", new { code }, new { promotion_rule = ToOne("coupon_codes_promotion_rules", rule.Id) }));
        Assert.That(coupon.Status, Is.EqualTo(HttpStatusCode.Created), coupon.ToString());
        return (coupon.Id, code);
    }

    /// <summary>An active card of <paramref name="balanceCents"/>, less than the order: the gateway still authorizes the rest.</summary>
    private static Task<(string Id, string Code)> GiftCardAsync(JsonApiClient api, long balanceCents) => TestCatalog.ActiveGiftCardAsync(api, "EUR", balanceCents);

    /// <summary>The statuses of the order's placement holds, sorted.</summary>
    private async Task<List<string>> HoldsAsync(string orderId)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT status FROM placement_holds WHERE order_id = '{orderId}' ORDER BY status";
        await using var reader = await command.ExecuteReaderAsync();
        var statuses = new List<string>();
        while (await reader.ReadAsync())
            statuses.Add(reader.GetString(0));
        return statuses;
    }

    private async Task<long> CountAsync(string sql) => Convert.ToInt64(await _database.ScalarAsync(sql), CultureInfo.InvariantCulture);

    private static (string, string) After(string kind) => kind switch
    {
        "void" => ("cancelled", "voided"),
        "capture" => ("placed", "paid"),
        _ => ("cancelled", "refunded"),
    };

    /// <summary>What the gateway holds for the order once the movement is made.</summary>
    private static string Moved(string kind) => kind switch { "void" => "voided", "capture" => "captured", _ => "refunded" };

    private async Task<(string?, string?)> StatusesAsync(string orderId) =>
        (await OrderColumnAsync(orderId, "status"), await OrderColumnAsync(orderId, "payment_status"));

    private Task KillAtAsync(ServiceProcess service, JsonApiClient api, string point, string orderId, Task<ApiResponse> request) =>
        KillAtAsync(service, api, [(point, orderId, request)]);

    /// <summary>
    /// With the requests sent, waits until the service says it halted at each one's point for its order, kills it there
    /// (SIGKILL), and asserts every request was cut off (its connection dropped, no answer).
    /// </summary>
    private async Task KillAtAsync(ServiceProcess service, JsonApiClient api, IReadOnlyList<(string Point, string OrderId, Task<ApiResponse> Request)> requests)
    {
        try
        {
            foreach (var (point, orderId, request) in requests)
            {
                var halted = service.WaitForOutputAsync(HaltPoints.Reached(point, orderId), Limit);
                if (await Task.WhenAny(halted, request) == request)
                    Assert.Fail($"the request was answered before it reached {point}: {await request}");
                await halted;
            }
        }
        finally
        {
            await service.DisposeAsync();
            api.Http.Dispose();
        }
        Figures.For(provider).Fault();
        foreach (var (point, _, request) in requests)
            Assert.That(async () => await request, Throws.InstanceOf<HttpRequestException>().Or.InstanceOf<TaskCanceledException>().Or.InstanceOf<IOException>(),
                $"the kill cut the request halted at {point} off");
    }

    private async Task<string> PlacedOrderAsync(JsonApiClient api, bool captured)
    {
        var id = (await new CheckoutBuilder(api).WithItem(_sku).BuildAsync()).Id;
        var placed = await api.PlaceAsync(id);
        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), placed.ToString());
        if (captured)
        {
            var capture = await api.TriggerAsync(id, "_capture");
            Assert.That(capture.Status, Is.EqualTo(HttpStatusCode.OK), capture.ToString());
        }
        return id;
    }

    private async Task PlacesOnceAsync(JsonApiClient api, string orderId)
    {
        var placed = await api.PlaceAsync(orderId);
        Assert.That(placed.Status, Is.EqualTo(HttpStatusCode.OK), "the settled order can be placed again: " + placed);
        Assert.That(_gateway.Snapshot().Count(g => g.OrderId == orderId && g.Holds), Is.EqualTo(1));
        await Eventually.OutboxIdleAsync(api);
    }

    private async Task<(ServiceProcess Service, JsonApiClient Api)> StartAsync(string? haltAt)
    {
        var settings = new Dictionary<string, string?>(_settings);
        if (haltAt is not null)
            settings["Testing:HaltAt"] = haltAt;
        var service = ServiceProcess.Start(Shop.ProcessSettings(settings), _database.Directory);
        try
        {
            await service.WaitUntilLiveAsync(Limit);
            return (service, await Shop.ClientAsync(service, Figures.For(provider)));
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    private async Task<(ServiceProcess Service, JsonApiClient Api)> RestartAsync()
    {
        var restarted = await StartAsync(haltAt: null);
        Figures.For(provider).Restart();
        return restarted;
    }

    private async Task AssertInvariantsAsync()
    {
        var violations = await _checker.CheckAsync(_gateway.Snapshot(), _initialStock, paymentsSettledBefore: DateTimeOffset.UtcNow);
        Figures.For(provider).Checked(violations.Count);
        Assert.That(violations, Is.Empty, string.Join("\n", violations));
    }

    /// <summary>Until <paramref name="condition"/> holds (the reconciler's pass that settles it), bounded.</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition, string what) =>
        Assert.That(await Eventually.TrueAsync(condition, Limit), Is.True, $"{what} within {Limit.TotalSeconds} s");

    private async Task<string?> OrderColumnAsync(string orderId, string column) =>
        Convert.ToString(await _database.ScalarAsync($"SELECT {column} FROM orders WHERE id = '{orderId}'"), CultureInfo.InvariantCulture) is { Length: > 0 } text ? text : null;

    /// <summary>The statuses of the order's transactions of <paramref name="kind"/>, oldest first.</summary>
    private async Task<List<string>> TransactionsAsync(string orderId, string kind)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT status FROM payment_transactions WHERE order_id = '{orderId}' AND kind = '{kind}' ORDER BY created_at";
        await using var reader = await command.ExecuteReaderAsync();
        var statuses = new List<string>();
        while (await reader.ReadAsync())
            statuses.Add(reader.GetString(0));
        return statuses;
    }

    private async Task<long> UnitsAsync() => (await _checker.StockAsync())[_sku];
}
