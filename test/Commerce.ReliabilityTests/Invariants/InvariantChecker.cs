using System.Data.Common;
using System.Globalization;
using Commerce.ReliabilityTests.Infrastructure;

namespace Commerce.ReliabilityTests.Invariants;

/// <summary>One broken invariant: its kind, what it is about (an order id, a number, a SKU) and a sentence.</summary>
public sealed record Violation(string Kind, string Subject, string Text)
{
    public override string ToString() => $"[{Kind}] {Text}";
}

/// <summary>The kinds of <see cref="Violation"/>.</summary>
public static class Invariant
{
    public const string OneAuthorization = "one-authorization";
    public const string AuthorizedTotal = "authorized-total";
    public const string VoidedWhenCancelled = "voided-when-cancelled";
    public const string NoMoneyWithoutPlacement = "no-money-without-placement";
    public const string SettledPlacement = "settled-placement";
    public const string OrderNumber = "order-number";
    public const string UniqueOrderNumber = "unique-order-number";
    public const string StockNotNegative = "stock-not-negative";
    public const string StockConserved = "stock-conserved";
    public const string OutboxOnce = "outbox-once";
    public const string GatewayOnce = "gateway-once";
    public const string SettledPayment = "settled-payment";
    public const string OneOrderPerSource = "one-order-per-source";
    public const string RecommendationCounts = "recommendation-counts";
    public const string GiftCardLedger = "gift-card-ledger";
    public const string NothingHeldUnplaced = "nothing-held-unplaced";
    public const string HeldOnlyWhilePlacing = "held-only-while-placing";
    public const string UsesEqualHolds = "uses-equal-holds";
}

/// <summary>
/// Reads the database directly (ADO.NET, the real tables and columns of the migrations) and lists every broken
/// invariant of "never lose or duplicate an order", once the service has settled (no request in flight, reconciler
/// and outbox done):
/// <list type="bullet">
/// <item>every placed, approved or cancelled order has exactly one succeeded authorization, for its total, and a
/// number; a cancelled one whose payment was voided has a succeeded void;</item>
/// <item>no order that is not placed (draft, pending, placing) has a succeeded authorization or a number, and none is
/// left <c>placing</c>;</item>
/// <item>order numbers are unique; stock is never negative (and, given the stock at the start, every unit is
/// accounted for by placed orders);</item>
/// <item>every placed order's <c>orders.place</c> event exists once, is done, and each of its handlers left its
/// marker once (<c>shipments.create</c>, <c>webhooks.fanout</c>): one shipment when anything ships, none otherwise;
/// a cancelled order's <c>orders.cancel</c>/<c>orders.refund</c> event likewise (<c>shipments.cancel</c>,
/// <c>stock.return</c>) with its shipment cancelled; no event is pending or parked; an order never placed has no
/// place event and no shipment;</item>
/// <item>given what the <c>external</c> gateway holds: exactly one held authorization per placed order paid through
/// it (the one the database names, for the total), and none held for an order that is not placed;</item>
/// <item>no payment source is authorized for two orders: the orders holding a succeeded authorization each have a
/// payment source of their own;</item>
/// <item>the recommender's counts are exactly those of the counted orders: each SKU's <c>sku_sales</c> is the number of
/// placed or approved orders containing it, each pair's <c>co_purchases</c> the number containing both (none counted
/// twice, none lost, a cancelled one no more);</item>
/// <item>when asked (<c>paymentsSettledBefore</c>): no void, capture or refund written before that time is still
/// <c>pending</c> (the reconciler settles those a crash cut off once they are older than
/// <c>Payments:ReconcileAfterSeconds</c>).</item>
/// </list>
/// </summary>
public sealed class InvariantChecker(TestDatabase database)
{
    private static readonly string[] PlaceHandlers = ["shipments.create", "webhooks.fanout", "recommendations.count"];
    private static readonly string[] CancelHandlers = ["shipments.cancel", "stock.return", "webhooks.fanout", "recommendations.count"];

    private sealed record OrderRow(string Id, string Status, string PaymentStatus, long? Number, long Total, string? Gateway, string? PaymentSource);
    private sealed record TransactionRow(string Id, string Kind, string OrderId, long Amount, string Status, string Key, DateTimeOffset? Created);
    private sealed record EventRow(string Id, string Topic, string ResourceId, string Status);

    /// <param name="gateway">What the external gateway holds (null: not checked).</param>
    /// <param name="initialStock">Units on hand by SKU code before any order was placed (null: not checked).</param>
    /// <param name="paymentsSettledBefore">
    /// A void, capture or refund written before this time and still pending is a violation (null: not checked). After a
    /// reconciler pass, the pass's time less <c>Payments:ReconcileAfterSeconds</c>; when nothing was cut off, the present.
    /// </param>
    public async Task<IReadOnlyList<Violation>> CheckAsync(
        IReadOnlyCollection<GatewayRecord>? gateway = null,
        IReadOnlyDictionary<string, long>? initialStock = null,
        DateTimeOffset? paymentsSettledBefore = null)
    {
        await using var connection = await database.OpenAsync();
        var orders = await ReadAsync(connection,
            "SELECT o.id, o.status, o.payment_status, o.number, o.total_amount_with_taxes_cents, m.gateway, o.payment_source_id FROM orders o LEFT JOIN payment_methods m ON m.id = o.payment_method_id",
            r => new OrderRow(S(r, 0)!, S(r, 1)!, S(r, 2)!, L(r, 3), L(r, 4) ?? 0, S(r, 5), S(r, 6)));
        var transactions = await ReadAsync(connection,
            "SELECT id, kind, order_id, amount_cents, status, idempotency_key, created_at FROM payment_transactions",
            r => new TransactionRow(S(r, 0)!, S(r, 1)!, S(r, 2)!, L(r, 3) ?? 0, S(r, 4)!, S(r, 5)!, T(r, 6)));
        var events = await ReadAsync(connection, "SELECT id, topic, resource_id, status FROM outbox_events WHERE resource_type = 'orders'",
            r => new EventRow(S(r, 0)!, S(r, 1)!, S(r, 2)!, S(r, 3)!));
        var allEvents = await ReadAsync(connection, "SELECT id, status FROM outbox_events", r => (Id: S(r, 0)!, Status: S(r, 1)!));
        var markers = (await ReadAsync(connection, "SELECT event_id, handler FROM outbox_handled", r => (Event: S(r, 0)!, Handler: S(r, 1)!)))
            .ToLookup(m => m.Event, m => m.Handler);
        var shipments = (await ReadAsync(connection, "SELECT order_id, status FROM shipments", r => (Order: S(r, 0)!, Status: S(r, 1)!)))
            .ToLookup(s => s.Order, s => s.Status);
        var ships = (await ReadAsync(connection, "SELECT order_id, do_not_ship FROM line_items", r => (Order: S(r, 0)!, DoNotShip: B(r, 1))))
            .ToLookup(l => l.Order, l => !l.DoNotShip);
        var stock = await ReadAsync(connection, "SELECT k.code, s.quantity FROM stock_items s JOIN skus k ON k.id = s.sku_id", r => (Code: S(r, 0)!, Quantity: L(r, 1) ?? 0));

        var violations = new List<Violation>();
        void Add(string kind, string subject, string text) => violations.Add(new Violation(kind, subject, text));
        var byOrder = transactions.ToLookup(t => t.OrderId);
        var eventsByOrder = events.ToLookup(e => e.ResourceId);

        foreach (var order in orders)
        {
            var succeeded = byOrder[order.Id].Where(t => t.Status == "succeeded").ToList();
            var authorizations = succeeded.Where(t => t.Kind == "authorization").ToList();
            var placed = order.Status is "placed" or "approved" or "cancelled";
            var orderEvents = eventsByOrder[order.Id].ToList();
            var placeEvents = orderEvents.Where(e => e.Topic == "orders.place").ToList();
            if (placed)
            {
                if (authorizations.Count != 1)
                    Add(Invariant.OneAuthorization, order.Id, $"order {order.Id} is {order.Status} with {authorizations.Count} succeeded authorizations (expected exactly 1)");
                foreach (var authorization in authorizations.Where(a => a.Amount != order.Total))
                    Add(Invariant.AuthorizedTotal, order.Id, $"order {order.Id}: authorization {authorization.Id} is for {authorization.Amount}, the order's total is {order.Total}");
                if (order.Number is null)
                    Add(Invariant.OrderNumber, order.Id, $"order {order.Id} is {order.Status} without a number");
                if (order.Status == "cancelled")
                {
                    if (order.PaymentStatus == "voided" && !succeeded.Any(t => t.Kind == "void"))
                        Add(Invariant.VoidedWhenCancelled, order.Id, $"order {order.Id} is cancelled with payment voided, but no void succeeded");
                    if (order.PaymentStatus is "authorized" or "paid")
                        Add(Invariant.VoidedWhenCancelled, order.Id, $"order {order.Id} is cancelled but its payment is still {order.PaymentStatus}");
                }
                CheckPlaceEvent(order, placeEvents);
            }
            else
            {
                if (authorizations.Count > 0)
                    Add(Invariant.NoMoneyWithoutPlacement, order.Id, $"order {order.Id} is {order.Status} but has {authorizations.Count} succeeded authorization(s)");
                if (order.Number is not null)
                    Add(Invariant.OrderNumber, order.Id, $"order {order.Id} is {order.Status} but has number {order.Number}");
                if (order.Status == "placing")
                    Add(Invariant.SettledPlacement, order.Id, $"order {order.Id} is still placing after the service settled");
                if (placeEvents.Count > 0 || shipments[order.Id].Any())
                    Add(Invariant.OutboxOnce, order.Id, $"order {order.Id} is {order.Status} but has {placeEvents.Count} orders.place event(s) and {shipments[order.Id].Count()} shipment(s)");
            }
        }

        if (paymentsSettledBefore is { } settledBefore)
        {
            foreach (var pending in transactions.Where(t => t.Status == "pending" && t.Kind is "void" or "capture" or "refund" && t.Created < settledBefore))
                Add(Invariant.SettledPayment, pending.OrderId,
                    $"order {pending.OrderId}: {pending.Kind} {pending.Id} written at {pending.Created:O} is still pending (expected settled before {settledBefore:O})");
        }

        void CheckPlaceEvent(OrderRow order, List<EventRow> placeEvents)
        {
            if (placeEvents.Count != 1)
            {
                Add(Invariant.OutboxOnce, order.Id, $"order {order.Id} is {order.Status} with {placeEvents.Count} orders.place events (expected exactly 1)");
                return;
            }
            CheckHandled(order.Id, placeEvents[0], PlaceHandlers);
            var needsShipment = ships[order.Id].Any(s => s);
            var count = shipments[order.Id].Count();
            if (count != (needsShipment ? 1 : 0))
                Add(Invariant.OutboxOnce, order.Id, $"order {order.Id} has {count} shipment(s), expected {(needsShipment ? 1 : 0)}");
            if (order.Status == "cancelled")
            {
                var cancelEvents = eventsByOrder[order.Id].Where(e => e.Topic is "orders.cancel" or "orders.refund").ToList();
                if (cancelEvents.Count != 1)
                    Add(Invariant.OutboxOnce, order.Id, $"order {order.Id} is cancelled with {cancelEvents.Count} cancel/refund events (expected exactly 1)");
                else
                    CheckHandled(order.Id, cancelEvents[0], CancelHandlers);
                if (shipments[order.Id].Any(s => s != "cancelled"))
                    Add(Invariant.OutboxOnce, order.Id, $"order {order.Id} is cancelled but its shipment is {string.Join(",", shipments[order.Id])}");
            }
        }

        void CheckHandled(string orderId, EventRow outboxEvent, string[] handlers)
        {
            if (outboxEvent.Status != "done")
                return; // reported below with every other event that is not done
            foreach (var handler in handlers.Where(h => !markers[outboxEvent.Id].Contains(h)))
                Add(Invariant.OutboxOnce, orderId, $"order {orderId}: event {outboxEvent.Id} ({outboxEvent.Topic}) is done but handler {handler} left no marker");
        }

        foreach (var outboxEvent in allEvents.Where(e => e.Status != "done"))
            Add(Invariant.OutboxOnce, outboxEvent.Id, $"outbox event {outboxEvent.Id} is {outboxEvent.Status} after the service settled");

        var authorized = orders.Where(o => o.PaymentSource is not null
            && byOrder[o.Id].Any(t => t.Kind == "authorization" && t.Status == "succeeded"));
        foreach (var group in authorized.GroupBy(o => o.PaymentSource!).Where(g => g.Count() > 1))
            Add(Invariant.OneOrderPerSource, group.Key,
                $"payment source {group.Key} is authorized for {group.Count()} orders: {string.Join(", ", group.Select(o => o.Id))}");

        foreach (var group in orders.Where(o => o.Number is not null).GroupBy(o => o.Number).Where(g => g.Count() > 1))
            Add(Invariant.UniqueOrderNumber, group.Key!.Value.ToString(CultureInfo.InvariantCulture),
                $"order number {group.Key} is used by {group.Count()} orders: {string.Join(", ", group.Select(o => o.Id))}");

        foreach (var (code, quantity) in stock.Where(s => s.Quantity < 0))
            Add(Invariant.StockNotNegative, code, $"stock of {code} is {quantity}");

        if (initialStock is not null)
        {
            var taken = (await ReadAsync(connection,
                    "SELECT l.sku_code, l.quantity FROM line_items l JOIN orders o ON o.id = l.order_id WHERE o.status IN ('placed', 'approved', 'placing')",
                    r => (Code: S(r, 0)!, Quantity: L(r, 1) ?? 0)))
                .GroupBy(l => l.Code).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
            foreach (var (code, quantity) in stock)
            {
                if (!initialStock.TryGetValue(code, out var initial))
                    continue;
                var expected = initial - taken.GetValueOrDefault(code);
                if (quantity != expected)
                    Add(Invariant.StockConserved, code, $"stock of {code} is {quantity}; {initial} at the start less {taken.GetValueOrDefault(code)} in placed orders is {expected}");
            }
        }

        await CheckRecommendationCountsAsync(connection, Add);
        await CheckGiftCardsAsync(connection, orders.ToDictionary(o => o.Id, o => o.Status), Add);
        await CheckHoldsAsync(connection, Add);

        if (gateway is not null)
            CheckGateway(gateway, orders, transactions, Add);
        return violations;
    }

    private static async Task CheckRecommendationCountsAsync(DbConnection connection, Action<string, string, string> add)
    {
        var baskets = (await ReadAsync(connection,
                "SELECT DISTINCT l.order_id, l.sku_id FROM line_items l JOIN orders o ON o.id = l.order_id WHERE o.status IN ('placed', 'approved') AND l.sku_id IS NOT NULL",
                r => (Order: S(r, 0)!, Sku: S(r, 1)!)))
            .GroupBy(l => l.Order, l => l.Sku).ToList();
        var expectedSales = baskets.SelectMany(b => b).GroupBy(s => s).ToDictionary(g => g.Key, g => (long)g.Count());
        var expectedPairs = baskets.SelectMany(b => from x in b from y in b where x != y select (x, y)).GroupBy(p => p).ToDictionary(g => g.Key, g => (long)g.Count());
        var sales = (await ReadAsync(connection, "SELECT sku_id, orders_count FROM sku_sales", r => (Sku: S(r, 0)!, Count: L(r, 1) ?? 0)))
            .Where(s => s.Count != 0).ToDictionary(s => s.Sku, s => s.Count);
        var pairs = (await ReadAsync(connection, "SELECT sku_id, other_sku_id, orders_count FROM co_purchases", r => (Pair: (S(r, 0)!, S(r, 1)!), Count: L(r, 2) ?? 0)))
            .Where(p => p.Count != 0).ToDictionary(p => p.Pair, p => p.Count);
        foreach (var sku in expectedSales.Keys.Union(sales.Keys).Where(k => expectedSales.GetValueOrDefault(k) != sales.GetValueOrDefault(k)))
            add(Invariant.RecommendationCounts, sku, $"SKU {sku} is counted in {sales.GetValueOrDefault(sku)} orders; {expectedSales.GetValueOrDefault(sku)} placed or approved orders contain it");
        foreach (var pair in expectedPairs.Keys.Union(pairs.Keys).Where(k => expectedPairs.GetValueOrDefault(k) != pairs.GetValueOrDefault(k)))
            add(Invariant.RecommendationCounts, $"{pair.Item1}/{pair.Item2}",
                $"SKUs {pair.Item1} and {pair.Item2} are counted together in {pairs.GetValueOrDefault(pair)} orders; {expectedPairs.GetValueOrDefault(pair)} placed or approved orders contain both");
    }

    /// <summary>
    /// Gift cards: every balance equals the sum of its ledger entries that count (all but released ones) and is never negative; a
    /// use is held only by an order that is placing, and committed only for one that was placed.
    /// </summary>
    private static async Task CheckGiftCardsAsync(DbConnection connection, IReadOnlyDictionary<string, string> orderStatus, Action<string, string, string> add)
    {
        var cards = await ReadAsync(connection, "SELECT id, balance_cents FROM gift_cards", r => (Id: S(r, 0)!, Balance: L(r, 1) ?? 0));
        var entries = await ReadAsync(connection, "SELECT gift_card_id, amount_cents, state, order_id, kind FROM gift_card_ledger_entries",
            r => (Card: S(r, 0)!, Amount: L(r, 1) ?? 0, State: S(r, 2)!, Order: S(r, 3), Kind: S(r, 4)!));
        var byCard = entries.ToLookup(e => e.Card);
        foreach (var (id, balance) in cards)
        {
            var ledger = byCard[id].Where(e => e.State != "released").Sum(e => e.Amount);
            if (balance != ledger || balance < 0)
                add(Invariant.GiftCardLedger, id, $"gift card {id} has balance {balance}; its ledger sums to {ledger}");
        }
        foreach (var entry in entries.Where(e => e.Order is not null && e.Kind == "usage"))
        {
            var status = orderStatus.GetValueOrDefault(entry.Order!, "missing");
            if (entry.State == "held" && status != "placing")
                add(Invariant.NothingHeldUnplaced, entry.Order!, $"order {entry.Order} is {status} but holds {-entry.Amount} of gift card {entry.Card}");
            if (entry.State == "committed" && status is not ("placed" or "approved" or "cancelled"))
                add(Invariant.NothingHeldUnplaced, entry.Order!, $"order {entry.Order} is {status} but used {-entry.Amount} of gift card {entry.Card}");
        }
        // Placement holds left held outside placing are CheckHoldsAsync's (held-only-while-placing), for every participant.
    }

    private static void CheckGateway(IReadOnlyCollection<GatewayRecord> gateway, List<OrderRow> orders, List<TransactionRow> transactions, Action<string, string, string> add)
    {
        var held = gateway.Where(g => g.Holds).ToLookup(g => g.OrderId);
        var byId = orders.ToDictionary(o => o.Id);
        foreach (var order in orders.Where(o => o.Gateway == "external" && o.Status is "placed" or "approved" && o.Total > 0))
        {
            var holds = held[order.Id].ToList();
            if (holds.Count != 1)
            {
                add(Invariant.GatewayOnce, order.Id, $"order {order.Id} is {order.Status}; the gateway holds {holds.Count} authorizations for it (expected exactly 1)");
                continue;
            }
            var recorded = transactions.Where(t => t.OrderId == order.Id && t.Kind == "authorization" && t.Status == "succeeded").Select(t => t.Key);
            if (!recorded.Contains(holds[0].IdempotencyKey))
                add(Invariant.GatewayOnce, order.Id, $"order {order.Id}: the gateway holds authorization {holds[0].IdempotencyKey}, which is not the order's succeeded authorization");
            if (holds[0].AmountCents != order.Total)
                add(Invariant.GatewayOnce, order.Id, $"order {order.Id}: the gateway holds {holds[0].AmountCents}, the order's total is {order.Total}");
        }
        foreach (var hold in gateway.Where(g => g.Holds))
        {
            var status = byId.TryGetValue(hold.OrderId, out var order) ? order.Status : "missing";
            if (status is not ("placed" or "approved"))
                add(Invariant.GatewayOnce, hold.OrderId, $"the gateway holds {hold.AmountCents} {hold.CurrencyCode} ({hold.IdempotencyKey}) for order {hold.OrderId}, which is {status}");
        }
    }

    /// <summary>Units on hand by SKU code (taken before a run, for <see cref="CheckAsync"/>'s stock accounting).</summary>
    public async Task<IReadOnlyDictionary<string, long>> StockAsync()
    {
        await using var connection = await database.OpenAsync();
        return (await ReadAsync(connection, "SELECT k.code, s.quantity FROM stock_items s JOIN skus k ON k.id = s.sku_id", r => (Code: S(r, 0)!, Quantity: L(r, 1) ?? 0)))
            .ToDictionary(s => s.Code, s => s.Quantity);
    }

    /// <summary>Orders in <c>placing</c> and outbox events not done: zero when the service has settled.</summary>
    public async Task<int> UnsettledAsync()
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM orders WHERE status = 'placing') + (SELECT COUNT(*) FROM outbox_events WHERE status = 'pending')";
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Placement holds (the placement hook): no order that is not <c>placing</c> has a <c>held</c> hold; every promotion's
    /// <c>total_usage_count</c> and coupon's <c>usage_count</c> equal their holds that are <c>held</c> or <c>committed</c>
    /// (released and returned ones were given back).
    /// </summary>
    private static async Task CheckHoldsAsync(DbConnection connection, Action<string, string, string> add)
    {
        var holds = await ReadAsync(connection,
            "SELECT h.order_id, h.participant, h.target_id, h.status, o.status FROM placement_holds h JOIN orders o ON o.id = h.order_id",
            r => (Order: S(r, 0)!, Participant: S(r, 1)!, Target: S(r, 2)!, Status: S(r, 3)!, OrderStatus: S(r, 4)!));
        foreach (var hold in holds.Where(h => h.Status == "held" && h.OrderStatus != "placing"))
            add(Invariant.HeldOnlyWhilePlacing, hold.Order, $"order {hold.Order} is {hold.OrderStatus} but holds {hold.Target} ({hold.Participant}) as held");
        var kept = holds.Where(h => h.Participant == "promotions" && h.Status is "held" or "committed").GroupBy(h => h.Target).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (id, count) in await ReadAsync(connection, "SELECT id, total_usage_count FROM promotions", r => (Id: S(r, 0)!, Count: L(r, 1) ?? 0)))
        {
            if (count != kept.GetValueOrDefault("promotion:" + id))
                add(Invariant.UsesEqualHolds, id, $"promotion {id} counts {count} uses but {kept.GetValueOrDefault("promotion:" + id)} holds are kept");
        }
        foreach (var (id, count) in await ReadAsync(connection, "SELECT id, usage_count FROM coupons", r => (Id: S(r, 0)!, Count: L(r, 1) ?? 0)))
        {
            if (count != kept.GetValueOrDefault("coupon:" + id))
                add(Invariant.UsesEqualHolds, id, $"coupon {id} counts {count} uses but {kept.GetValueOrDefault("coupon:" + id)} holds are kept");
        }
    }

    private static async Task<List<T>> ReadAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> map)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
            rows.Add(map(reader));
        return rows;
    }

    /// <summary>
    /// SQLite stores times as EF Core's DateTimeOffsetToBinaryConverter writes them (a long); PostgreSQL as timestamptz,
    /// which Npgsql reads as a UTC DateTime.
    /// </summary>
    private static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter TimeConverter = new();

    private static DateTimeOffset? T(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetValue(i) switch
    {
        DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        DateTimeOffset time => time,
        var stored => (DateTimeOffset)TimeConverter.ConvertFromProvider(Convert.ToInt64(stored, CultureInfo.InvariantCulture))!,
    };

    /// <summary>A time as a SQL literal of the provider's column type (for rows a test writes itself).</summary>
    public static string TimeLiteral(Provider provider, DateTimeOffset time) => provider == Provider.Sqlite
        ? ((long)TimeConverter.ConvertToProvider(time)!).ToString(CultureInfo.InvariantCulture)
        : $"'{time.UtcDateTime:yyyy-MM-dd HH:mm:ss.ffffff}+00'::timestamptz";

    private static string? S(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture);
    private static long? L(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);
    private static bool B(DbDataReader r, int i) => !r.IsDBNull(i) && r.GetValue(i) switch { bool b => b, var v => Convert.ToInt64(v, CultureInfo.InvariantCulture) != 0 };
}
