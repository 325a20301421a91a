using System.Collections.Concurrent;
using System.Diagnostics;

namespace Commerce.LoadTests;

/// <summary>The demo catalog's SKUs a checkout buys (seeded by the service on first start).</summary>
public static class DemoCatalog
{
    public static readonly string[] Skus = ["HOODIEUL000000E63E74LXXX", "MUGXXXXX000000FFFFFFXXXX", "TSHIRTMM000000FFFFFFXLXX"];
}

/// <summary>The scenarios, run against a service that is already up (run.sh starts it).</summary>
public sealed class Scenarios(Api api, ServerProbe? server, Options options)
{
    private string _shopperToken = "";
    private string _integrationToken = "";
    private string _shippingMethodId = "";
    private string _paymentMethodId = "";
    private readonly ConcurrentBag<string> _placed = [];
    private string _couponCode = "";
    private readonly ConcurrentQueue<string> _giftCardCodes = new();

    public IReadOnlyCollection<string> Placed => _placed;

    /// <summary>Tokens, the method ids, and stock enough for every order the run may place.</summary>
    public async Task PrepareAsync()
    {
        _shopperToken = await api.TokenAsync("demo-sales-channel", null);
        _integrationToken = await api.TokenAsync("demo-integration", "demo-integration-secret");
        var shipping = await api.SendAsync(HttpMethod.Get, "/api/shipping_methods?filter[q][name_eq]=Standard&filter[q][currency_code_eq]=EUR", _integrationToken);
        _shippingMethodId = shipping.Data![0]!["id"]!.GetValue<string>();
        var payment = await api.SendAsync(HttpMethod.Get, "/api/payment_methods?filter[q][currency_code_eq]=EUR&filter[q][gateway_eq]=test", _integrationToken);
        _paymentMethodId = payment.Data![0]!["id"]!.GetValue<string>();
        var skus = await api.SendAsync(HttpMethod.Get,
            $"/api/skus?filter[q][code_in]={string.Join(',', DemoCatalog.Skus)}&include=stock_item&fields[skus]=code,stock_item", _integrationToken);
        foreach (var sku in skus.Data!.AsArray())
        {
            var stockId = sku!["relationships"]!["stock_item"]!["data"]!["id"]!.GetValue<string>();
            var changed = await api.SendAsync(HttpMethod.Patch, $"/api/stock_items/{stockId}", _integrationToken,
                Api.Document("stock_items", new { quantity = 100_000_000 }, id: stockId));
            if (!changed.Ok)
                throw new InvalidOperationException($"could not stock {sku["id"]}: {changed.Status}");
        }
    }

    /// <summary>Runs <paramref name="work"/> on <paramref name="workers"/> loops until <paramref name="count"/> units are claimed or the time is up.</summary>
    private static async Task RunAsync(int workers, long count, TimeSpan limit, Func<long, Task> work)
    {
        var claimed = 0L;
        var deadline = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (deadline.Elapsed < limit)
            {
                var n = Interlocked.Increment(ref claimed);
                if (n > count)
                    return;
                await work(n);
            }
        })));
    }

    /// <summary>
    /// For the checkout with a coupon and a gift card: a 10% promotion with a coupon of unlimited uses (every order takes a use
    /// of the same promotion and coupon rows, the hot rows a sale has), and <paramref name="cards"/> active €10 cards, one per
    /// order (each order spends one whole: the gateway still authorizes the rest, as in the plain checkout).
    /// </summary>
    public async Task PreparePromotionsAsync(long cards)
    {
        var now = DateTimeOffset.UtcNow;
        var promotion = await api.SendAsync(HttpMethod.Post, "/api/percentage_discount_promotions", _integrationToken,
            Api.Document("percentage_discount_promotions", new
            {
                name = "Benchmark 10%", currency_code = "EUR", percentage = 10, starts_at = now.AddDays(-1), expires_at = now.AddDays(30),
            }));
        var rule = await api.SendAsync(HttpMethod.Post, "/api/coupon_codes_promotion_rules", _integrationToken,
            Api.Document("coupon_codes_promotion_rules", new { }, new { promotion = Api.ToOne("percentage_discount_promotions", promotion.Id!) }));
        _couponCode = "BENCH" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var coupon = await api.SendAsync(HttpMethod.Post, "/api/coupons", _integrationToken,
            Api.Document("coupons", new { code = _couponCode }, new { promotion_rule = Api.ToOne("coupon_codes_promotion_rules", rule.Id!) }));
        if (!coupon.Ok)
            throw new InvalidOperationException($"could not create the benchmark coupon: {coupon.Status}");
        await RunAsync(options.Shoppers, cards, TimeSpan.FromMinutes(10), async _ =>
        {
            var card = await api.SendAsync(HttpMethod.Post, "/api/gift_cards", _integrationToken,
                Api.Document("gift_cards", new { currency_code = "EUR", balance_cents = 1000 }));
            var activated = await api.SendAsync(HttpMethod.Patch, $"/api/gift_cards/{card.Id}", _integrationToken,
                Api.Document("gift_cards", new Dictionary<string, object> { ["_activate"] = true }, id: card.Id));
            if (activated.Ok && activated.Data?["attributes"]?["code"]?.GetValue<string>() is { } code)
                _giftCardCodes.Enqueue(code);
        });
    }

    /// <summary>
    /// (1) Full checkouts by <c>shoppers</c> concurrent virtual shoppers; with <paramref name="promotions"/>, each order also
    /// sends the coupon and a gift card code in the request that sets its addresses and methods (so both checkouts send the same
    /// requests, and the difference is what the codes cost: pricing, the holds at placement, the card's ledger).
    /// </summary>
    public async Task<ScenarioResult> CheckoutAsync(string name, long checkouts, bool promotions = false)
    {
        var recorder = new ScenarioRecorder(name, options.Shoppers, (int)Math.Min(checkouts * 3, 3_000_000), server);
        recorder.Start();
        await RunAsync(options.Shoppers, checkouts, options.ScenarioLimit, async n =>
        {
            if (await BuildAsync(recorder, n, promotions) is { } order && await PlaceAsync(recorder.Step("place"), order))
            {
                _placed.Add(order);
                recorder.Completed();
            }
        });
        return recorder.Stop("checkouts");
    }

    /// <summary>An order ready to place: three items, addresses, methods, a payment source. Null when a step failed.</summary>
    private async Task<string?> BuildAsync(ScenarioRecorder? recorder, long n, bool promotions = false)
    {
        var attributes = new Dictionary<string, object> { ["_shipping_address_same_as_billing"] = true };
        if (promotions)
        {
            if (!_giftCardCodes.TryDequeue(out var giftCardCode))
                return null;
            attributes["coupon_code"] = _couponCode;
            attributes["gift_card_code"] = giftCardCode;
        }
        var created = await api.SendAsync(HttpMethod.Post, "/api/orders", _shopperToken,
            Api.Document("orders", new { currency_code = "EUR", language_code = "it", customer_email = $"shopper{n}@example.com" }),
            recorder?.Step("create_order"));
        if (created.Id is not { } order)
            return null;
        foreach (var sku in DemoCatalog.Skus)
        {
            var item = await api.SendAsync(HttpMethod.Post, "/api/line_items", _shopperToken,
                Api.Document("line_items", new { sku_code = sku, quantity = 1 }, new { order = Api.ToOne("orders", order) }),
                recorder?.Step("add_line_item"));
            if (!item.Ok)
                return null;
        }
        var address = await api.SendAsync(HttpMethod.Post, "/api/addresses", _shopperToken,
            Api.Document("addresses", new
            {
                first_name = "Ada", last_name = "Lovelace", line_1 = "Via Roma 1", city = "Milano", zip_code = "20100", state_code = "MI",
                country_code = "IT", phone = "+39 02 1234567",
            }), recorder?.Step("create_address"));
        if (address.Id is not { } addressId)
            return null;
        var set = await api.SendAsync(HttpMethod.Patch, $"/api/orders/{order}", _shopperToken,
            Api.Document("orders", attributes, new
            {
                billing_address = Api.ToOne("addresses", addressId),
                shipping_method = Api.ToOne("shipping_methods", _shippingMethodId),
                payment_method = Api.ToOne("payment_methods", _paymentMethodId),
            }, order), recorder?.Step("set_addresses_and_methods"));
        if (!set.Ok)
            return null;
        var source = await api.SendAsync(HttpMethod.Post, "/api/external_payments", _shopperToken,
            Api.Document("external_payments", new { payment_source_token = "tok_visa" }, new { order = Api.ToOne("orders", order) }),
            recorder?.Step("create_payment_source"));
        return source.Ok ? order : null;
    }

    private async Task<bool> PlaceAsync(StepRecorder step, string order)
    {
        var placed = await api.SendAsync(HttpMethod.Patch, $"/api/orders/{order}", _shopperToken,
            Api.Document("orders", new Dictionary<string, object> { ["_place"] = true }, id: order), step, idempotencyKey: "place-" + order);
        return placed.Ok;
    }

    /// <summary>(2a) GET /api/orders/:id with line items and both addresses, on placed orders picked at random.</summary>
    public async Task<ScenarioResult> ReadOrderAsync(string name, long reads)
    {
        var ids = _placed.ToArray();
        if (ids.Length == 0)
            throw new InvalidOperationException("no placed order to read: run the checkout scenario first");
        var recorder = new ScenarioRecorder(name, options.Readers, (int)Math.Min(reads, 3_000_000), server);
        var step = recorder.Step("get_order_with_includes");
        recorder.Start();
        await RunAsync(options.Readers, reads, options.ScenarioLimit, async n =>
        {
            var id = ids[(int)(n * 7919 % ids.Length)];
            if ((await api.SendAsync(HttpMethod.Get, $"/api/orders/{id}?include=line_items,billing_address,shipping_address", _shopperToken, step: step)).Ok)
                recorder.Completed();
        });
        return recorder.Stop("reads");
    }

    /// <summary>(2c) The order page's recommendations of placed orders, as the hosted checkout's confirmation asks them.</summary>
    public async Task<ScenarioResult> RecommendationsAsync(string name, long reads)
    {
        var ids = _placed.ToArray();
        if (ids.Length == 0)
            throw new InvalidOperationException("no placed order to recommend for: run the checkout scenario first");
        var recorder = new ScenarioRecorder(name, options.Readers, (int)Math.Min(reads, 3_000_000), server);
        var step = recorder.Step("get_order_recommendations");
        recorder.Start();
        await RunAsync(options.Readers, reads, options.ScenarioLimit, async n =>
        {
            var id = ids[(int)(n * 7919 % ids.Length)];
            if ((await api.SendAsync(HttpMethod.Get, $"/api/orders/{id}/recommendations", _shopperToken, step: step)).Ok)
                recorder.Completed();
        });
        return recorder.Stop("reads");
    }

    /// <summary>(2b) A filtered, sorted, paged list of orders (an integration's back office: sales channels may not list).</summary>
    public async Task<ScenarioResult> ListOrdersAsync(string name, long reads)
    {
        var recorder = new ScenarioRecorder(name, options.Readers, (int)Math.Min(reads, 3_000_000), server);
        var step = recorder.Step("list_orders");
        recorder.Start();
        await RunAsync(options.Readers, reads, options.ScenarioLimit, async n =>
        {
            var page = n % 4 + 1;
            var answer = await api.SendAsync(HttpMethod.Get,
                $"/api/orders?filter[q][status_eq]=placed&filter[q][total_amount_cents_gteq]=1000&sort=-placed_at&page[size]=25&page[number]={page}",
                _integrationToken, step: step);
            if (answer.Ok)
                recorder.Completed();
        });
        return recorder.Stop("lists");
    }

    /// <summary>
    /// (3) Contention: rounds of <c>contention-orders</c> orders, each placed by <c>contention-shoppers</c> shoppers at the
    /// same moment (each with its own Idempotency-Key). Exactly one placement per order may succeed: 409 and 422 are the
    /// expected answers of the others (CONTRACT.md);
    /// any other outcome (two successes, a 5xx) is an error.
    /// </summary>
    public async Task<ScenarioResult> ContentionAsync(string name, int rounds)
    {
        var perRound = options.ContentionOrders * options.ContentionShoppers;
        var recorder = new ScenarioRecorder(name, perRound, rounds * perRound, server);
        var step = recorder.Step("place_same_order");
        var violations = recorder.Step("more_than_one_success");
        var total = Stopwatch.StartNew();
        recorder.Start();
        for (var round = 0; round < rounds && total.Elapsed < options.ScenarioLimit; round++)
        {
            var orders = new List<string>();
            for (var i = 0; i < options.ContentionOrders; i++)
                if (await BuildAsync(null, round * 1000 + i) is { } order)
                    orders.Add(order);
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var attempts = orders.SelectMany(order => Enumerable.Range(0, options.ContentionShoppers).Select(async shopper =>
            {
                await start.Task;
                var sw = Stopwatch.GetTimestamp();
                var answer = await api.SendAsync(HttpMethod.Patch, $"/api/orders/{order}", _shopperToken,
                    Api.Document("orders", new Dictionary<string, object> { ["_place"] = true }, id: order), idempotencyKey: $"place-{order}-{shopper}");
                step.Record(Stopwatch.GetElapsedTime(sw).TotalMilliseconds, answer.Status, answer.Status is 200 or 409 or 422);
                return (order, answer.Status);
            })).ToList();
            start.SetResult();
            var answers = await Task.WhenAll(attempts);
            foreach (var group in answers.GroupBy(a => a.order))
            {
                var successes = group.Count(a => a.Status == 200);
                if (successes == 1)
                {
                    _placed.Add(group.Key);
                    recorder.Completed();
                }
                else
                    violations.Record(0, successes, ok: false);
            }
        }
        return recorder.Stop("orders placed once");
    }

    /// <summary>Baseline (b), the HTTP floor: GET /health/live on the same host and middleware, no database.</summary>
    public async Task<ScenarioResult> HealthAsync(string name, long requests, int concurrency)
    {
        var recorder = new ScenarioRecorder(name, concurrency, (int)Math.Min(requests, 3_000_000), server);
        var step = recorder.Step("get_health_live");
        recorder.Start();
        await RunAsync(concurrency, requests, options.ScenarioLimit, async _ =>
        {
            if (await api.GetPlainAsync("/health/live", step) == 200)
                recorder.Completed();
        });
        return recorder.Stop("requests");
    }

    /// <summary>Baseline (a), the storage floor: the checkout's writes with ADO.NET, same concurrency as the shoppers.</summary>
    public async Task<ScenarioResult> StorageAsync(string name, StorageBaseline storage, long checkouts)
    {
        var recorder = new ScenarioRecorder(name, options.Shoppers, (int)Math.Min(checkouts, 3_000_000), server: null);
        var step = recorder.Step("checkout_writes");
        recorder.Start();
        await RunAsync(options.Shoppers, checkouts, options.ScenarioLimit, async _ =>
        {
            var sw = Stopwatch.GetTimestamp();
            try
            {
                await storage.CheckoutAsync();
                step.Record(Stopwatch.GetElapsedTime(sw).TotalMilliseconds, 200, ok: true);
                recorder.Completed();
            }
            catch (System.Data.Common.DbException)
            {
                step.Record(Stopwatch.GetElapsedTime(sw).TotalMilliseconds, 0, ok: false);
            }
        });
        return recorder.Stop("checkouts");
    }
}
