using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Commerce.LoadTests;

/// <summary>
/// Baseline (a), the storage floor: the rows one API checkout writes, written directly with ADO.NET on the
/// same database (same engine, same file and its settings: SQLite in WAL mode, pooled connections, the same
/// busy timeout), grouped into the same transactions as the service commits them. The statements are those
/// EF Core's command log shows for one checkout (README, Performance): per request, the order, three line
/// items each with the order's totals and version, two addresses (the shipping one a copy), the payment
/// source, the idempotency claim (its expiry sweep runs once a minute, not per checkout), the compare-and-set
/// with the stock decrements, the pending authorization, the order number, the placed order with its outbox event and the succeeded
/// authorization, the stored idempotent response; then the outbox's lease, shipment, handler markers and
/// completion. No reads: the service's SELECTs are not part of the floor.
/// </summary>
public sealed class StorageBaseline
{
    private readonly string _provider;
    private readonly string _connectionString;
    private readonly Catalog _catalog;
    private static readonly byte[] ResponseBody = RandomNumberGenerator.GetBytes(4200);

    private StorageBaseline(string provider, string connectionString, Catalog catalog) =>
        (_provider, _connectionString, _catalog) = (provider, provider == "sqlite" ? connectionString : AsTheServiceDoes(connectionString), catalog);

    /// <summary>
    /// The Npgsql settings the service adds to a connection string that does not set them (No Reset On Close, Max Auto
    /// Prepare=64: PersistenceServiceCollectionExtensions.PostgreSqlConnectionString), so the floor runs on the same
    /// connection settings as the service it is the floor of.
    /// </summary>
    private static string AsTheServiceDoes(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!given.Contains(nameof(builder.NoResetOnClose)))
            builder.NoResetOnClose = true;
        if (!given.Contains(nameof(builder.MaxAutoPrepare)))
            builder.MaxAutoPrepare = 64;
        return builder.ConnectionString;
    }

    private sealed record Catalog(string[] SkuIds, string[] SkuCodes, string ShippingMethodId, string PaymentMethodId, string MarketId = "", string PriceListId = "");

    public static async Task<StorageBaseline> OpenAsync(string provider, string connectionString, IReadOnlyList<string> skuCodes)
    {
        var baseline = new StorageBaseline(provider, connectionString, new Catalog([], [], "", ""));
        await using var connection = await baseline.OpenConnectionAsync();
        var ids = new List<string>();
        foreach (var code in skuCodes)
            ids.Add((string)(await Scalar(connection, "SELECT id FROM skus WHERE code = @c", ("c", code)))!);
        var shipping = (string)(await Scalar(connection, "SELECT id FROM shipping_methods WHERE name = 'Standard' AND currency_code = 'EUR'"))!;
        var payment = (string)(await Scalar(connection, "SELECT id FROM payment_methods WHERE gateway = 'test' AND currency_code = 'EUR'"))!;
        // Orders belong to a market and its price list (the demo's EUR market, as the driver's orders in EUR are).
        var market = (string)(await Scalar(connection, "SELECT id FROM markets WHERE code = 'europe'"))!;
        var priceList = (string)(await Scalar(connection, "SELECT price_list_id FROM markets WHERE code = 'europe'"))!;
        return new StorageBaseline(provider, connectionString, new Catalog([.. ids], [.. skuCodes], shipping, payment, market, priceList));
    }

    private async Task<DbConnection> OpenConnectionAsync()
    {
        DbConnection connection = _provider == "sqlite" ? new SqliteConnection(_connectionString) : new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        if (_provider == "sqlite")
        {
            // As the service does on every connection it opens (Persistence/SqliteBusyTimeout.cs): SQLite waits for the lock itself.
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA busy_timeout = 30000;";
            await pragma.ExecuteNonQueryAsync();
        }
        return connection;
    }

    /// <summary>Timestamps as the service stores them: SQLite an INTEGER (EF's binary DateTimeOffset), PostgreSQL timestamptz.</summary>
    private object Now(double plusSeconds = 0)
    {
        var now = DateTimeOffset.UtcNow.AddSeconds(plusSeconds);
        return _provider == "sqlite" ? now.ToBinaryLike() : now;
    }

    private static string NewId() => RandomNumberGenerator.GetString("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 12);

    /// <summary>The writes of one checkout, each group committed as the service commits it.</summary>
    public async Task CheckoutAsync()
    {
        var order = NewId();
        var version = 1;
        // POST /orders
        await Group(("""
            INSERT INTO "orders" ("id", "number", "status", "previous_status", "payment_status", "fulfillment_status", "customer_id", "customer_email",
              "currency_code", "language_code", "country_code", "tax_included", "tax_rate_basis_points", "subtotal_amount_cents", "shipping_amount_cents",
              "payment_method_amount_cents", "discount_amount_cents", "total_tax_amount_cents", "total_amount_cents", "total_amount_with_taxes_cents",
              "skus_count", "token", "reference", "metadata", "placed_at", "approved_at", "cancelled_at", "payment_updated_at", "billing_address_id",
              "shipping_address_id", "shipping_method_id", "payment_method_id", "payment_source_id", "version", "created_at", "updated_at",
              "market_id", "price_list_id", "gift_card_amount_cents", "marked_pending", "recorded")
            VALUES (@id, NULL, 'draft', NULL, 'unpaid', 'unfulfilled', NULL, 'shopper@example.com', 'EUR', 'it', NULL, TRUE, 0, 0, 0, 0, 0, 0, 0, 0,
              0, @token, NULL, '{}', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1, @now, @now, @market, @list, 0, FALSE, FALSE)
            """, [("id", order), ("token", NewId() + NewId()), ("now", Now()), ("market", _catalog.MarketId), ("list", _catalog.PriceListId)]));
        // POST /line_items ×3: the item, and the order's totals and version
        for (var i = 0; i < _catalog.SkuIds.Length; i++)
        {
            await Group(("""
                INSERT INTO "line_items" ("id", "order_id", "sku_id", "sku_code", "name", "image_url", "currency_code", "quantity", "unit_amount_cents",
                  "total_amount_cents", "do_not_ship", "created_at", "updated_at", "discount_breakdown", "discount_cents", "do_not_track", "metadata")
                VALUES (@id, @order, @sku, @code, 'A catalog item with a name', 'https://img.example.com/skus/item.png', 'EUR', 1, 2900, 2900, FALSE, @now, @now,
                  '{}', 0, FALSE, '{}')
                """, [("id", NewId()), ("order", order), ("sku", _catalog.SkuIds[i]), ("code", _catalog.SkuCodes[i]), ("now", Now())]),
                ("""
                UPDATE "orders" SET "skus_count" = @n, "status" = 'pending', "subtotal_amount_cents" = @t, "total_amount_cents" = @t,
                  "total_amount_with_taxes_cents" = @t, "updated_at" = @now, "version" = @v1 WHERE "id" = @id AND "version" = @v0
                """, [("n", i + 1), ("t", 2900L * (i + 1)), ("now", Now()), ("v1", version + 1), ("id", order), ("v0", version)]));
            version++;
        }
        // POST /addresses, then PATCH /orders: a copy for shipping, the addresses and methods on the order
        var billing = NewId();
        var shipping = NewId();
        await Group(AddressInsert(billing));
        await Group(AddressInsert(shipping), ("""
            UPDATE "orders" SET "billing_address_id" = @b, "country_code" = 'IT', "payment_method_id" = @pm, "shipping_address_id" = @s,
              "shipping_method_id" = @sm, "tax_rate_basis_points" = 2200, "total_tax_amount_cents" = 1569, "updated_at" = @now, "version" = @v1
            WHERE "id" = @id AND "version" = @v0
            """, [("b", billing), ("pm", _catalog.PaymentMethodId), ("s", shipping), ("sm", _catalog.ShippingMethodId), ("now", Now()),
                ("v1", version + 1), ("id", order), ("v0", version)]));
        version++;
        // POST /external_payments
        var source = NewId();
        await Group(("""
            INSERT INTO "payment_sources" ("id", "source_type", "payment_source_token", "created_at", "updated_at", "owner_customer_id")
            VALUES (@id, 'external_payments', 'tok_visa', @now, @now, NULL)
            """, [("id", source), ("now", Now())]),
            ("""UPDATE "orders" SET "payment_source_id" = @ps, "updated_at" = @now, "version" = @v1 WHERE "id" = @id AND "version" = @v0""",
                [("ps", source), ("now", Now()), ("v1", version + 1), ("id", order), ("v0", version)]));
        version++;
        // PATCH /orders _place: the idempotency claim
        var key = NewId() + ":place-" + order;
        await Group(("""
            INSERT INTO "idempotency_keys" ("key", "fingerprint", "completed", "status_code", "content_type", "location", "body", "created_at", "expires_at")
            VALUES (@k, @f, FALSE, 0, NULL, NULL, NULL, @now, @exp)
            """, [("k", key), ("f", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))), ("now", Now()), ("exp", Now(86400))]));
        // the compare-and-set and the stock, in one transaction
        var cas = new List<(string, (string, object?)[])>
        {
            ("""UPDATE "orders" SET "status" = 'placing', "previous_status" = 'pending', "version" = @v1 WHERE "id" = @id AND "status" = 'pending' AND "version" = @v0""",
                [("v1", version + 1), ("id", order), ("v0", version)]),
        };
        version++;
        foreach (var sku in _catalog.SkuIds)
            cas.Add(("""UPDATE "stock_items" SET "quantity" = "quantity" - @q WHERE "sku_id" = @sku AND "quantity" >= @q""", [("q", 1), ("sku", sku)]));
        // in the same transaction, the pending authorization (committed before the gateway is asked) and the order number
        var authorization = NewId();
        cas.Add(("""
            INSERT INTO "payment_transactions" ("id", "kind", "order_id", "amount_cents", "currency_code", "succeeded", "status", "idempotency_key",
              "gateway_reference", "message", "error_code", "created_at", "updated_at")
            VALUES (@id, 'authorization', @order, 8700, 'EUR', FALSE, 'pending', @k, NULL, NULL, NULL, @now, @now)
            """, [("id", authorization), ("order", order), ("k", "idem_" + NewId() + NewId()), ("now", Now())]));
        cas.Add(("""INSERT INTO "order_numbers" ("order_id") VALUES (@id) RETURNING "value" """, [("id", order)]));
        var number = await Group([.. cas]);
        // the placed order, its outbox event and the succeeded authorization, together
        var outboxEvent = NewId();
        await Group(("""
            UPDATE "orders" SET "number" = @num, "payment_status" = 'authorized', "payment_updated_at" = @now, "placed_at" = @now,
              "previous_status" = NULL, "status" = 'placed', "updated_at" = @now, "version" = @v1 WHERE "id" = @id AND "version" = @v0
            """, [("num", number), ("now", Now()), ("v1", version + 1), ("id", order), ("v0", version)]),
            ("""
            INSERT INTO "outbox_events" ("id", "topic", "resource_type", "resource_id", "status", "attempts", "next_attempt_at", "locked_until",
              "locked_by", "last_error", "created_at", "processed_at")
            VALUES (@id, 'orders.place', 'orders', @order, 'pending', 0, @later, NULL, NULL, NULL, @now, NULL)
            """, [("id", outboxEvent), ("order", order), ("now", Now()), ("later", Now(365 * 86400))]),
            ("""
            UPDATE "payment_transactions" SET "amount_cents" = 8700, "created_at" = @now, "currency_code" = 'EUR', "error_code" = NULL,
              "gateway_reference" = @ref, "idempotency_key" = "idempotency_key", "kind" = 'authorization', "message" = 'approved', "order_id" = @order,
              "status" = 'succeeded', "succeeded" = TRUE, "updated_at" = @now WHERE "id" = @id
            """, [("now", Now()), ("ref", "test_auth_" + NewId()), ("order", order), ("id", authorization)]));
        // the stored idempotent response (about 4 KB, as the order document)
        await Group(("""
            UPDATE "idempotency_keys" SET "completed" = TRUE, "status_code" = 200, "content_type" = 'application/vnd.api+json', "location" = NULL,
              "body" = @body WHERE "key" = @k
            """, [("body", ResponseBody), ("k", key)]));
        // the outbox: lease, shipment with its marker, the webhook fan-out's marker, done. The event was written with a far
        // next_attempt_at so that the service's own dispatcher never takes these rows.
        var instance = "baseline0000";
        await Group(("""
            UPDATE "outbox_events" SET "locked_by" = @inst, "locked_until" = @until WHERE "id" = @id AND "status" = 'pending'
              AND ("locked_until" IS NULL OR "locked_until" < @now)
            """, [("inst", instance), ("until", Now(30)), ("id", outboxEvent), ("now", Now())]));
        await Group(("""INSERT INTO "outbox_handled" ("event_id", "handler", "instance", "handled_at") VALUES (@e, 'shipments.create', @inst, @now)""",
                [("e", outboxEvent), ("inst", instance), ("now", Now())]),
            ("""
            INSERT INTO "shipments" ("id", "order_id", "shipping_method_id", "shipping_address_id", "skus_count", "status", "created_at", "updated_at")
            VALUES (@id, @order, @sm, @sa, 3, 'upcoming', @now, @now)
            """, [("id", NewId()), ("order", order), ("sm", _catalog.ShippingMethodId), ("sa", shipping), ("now", Now())]));
        await Group(("""INSERT INTO "outbox_handled" ("event_id", "handler", "instance", "handled_at") VALUES (@e, 'webhooks.fanout', @inst, @now)""",
            [("e", outboxEvent), ("inst", instance), ("now", Now())]));
        // the recommender's counts (recommendations.count): each SKU of the order and each ordered pair once more, with the marker
        var skus = _catalog.SkuIds.Select((id, i) => ($"s{i}", (object?)id)).ToArray();
        var inSkus = string.Join(", ", skus.Select(p => "@" + p.Item1));
        await Group(($"UPDATE \"sku_sales\" SET \"orders_count\" = \"orders_count\" + 1 WHERE \"sku_id\" IN ({inSkus})", skus),
            ($"UPDATE \"co_purchases\" SET \"orders_count\" = \"orders_count\" + 1 WHERE \"sku_id\" IN ({inSkus}) AND \"other_sku_id\" IN ({inSkus})", skus),
            ("""INSERT INTO "outbox_handled" ("event_id", "handler", "instance", "handled_at") VALUES (@e, 'recommendations.count', @inst, @now)""",
                [("e", outboxEvent), ("inst", instance), ("now", Now())]));
        await Group(("""
            UPDATE "outbox_events" SET "status" = 'done', "attempts" = 0, "last_error" = NULL, "next_attempt_at" = @now, "processed_at" = @now,
              "locked_until" = NULL, "locked_by" = NULL WHERE "id" = @id AND "locked_by" = @inst
            """, [("now", Now()), ("id", outboxEvent), ("inst", instance)]));
    }

    private static (string, (string, object?)[]) AddressInsert(string id) => ("""
        INSERT INTO "addresses" ("id", "first_name", "last_name", "company", "line1", "line2", "city", "zip_code", "state_code", "country_code",
          "phone", "email", "created_at", "updated_at", "owner_customer_id")
        VALUES (@id, 'Ada', 'Lovelace', NULL, 'Via Roma 1', NULL, 'Milano', '20100', 'MI', 'IT', '+39 02 1234567', NULL, @now, @now, NULL)
        """, [("id", id), ("now", DateTimeOffset.UtcNow)]);

    /// <summary>
    /// Statements committed together (one statement: autocommit, as EF Core does; several: one transaction), on a
    /// connection taken from the pool and given back, as EF Core does per SaveChanges. Returns the last scalar.
    /// </summary>
    private async Task<object?> Group(params (string Sql, (string Name, object? Value)[] Parameters)[] statements)
    {
        if (_bulk is { } bulk)
            return await ExecuteAsync(bulk.Connection, bulk.Transaction, statements);
        await using var connection = await OpenConnectionAsync();
        await using var transaction = statements.Length > 1 ? await connection.BeginTransactionAsync() : null;
        var last = await ExecuteAsync(connection, transaction, statements);
        if (transaction is not null)
            await transaction.CommitAsync();
        return last;
    }

    private async Task<object?> ExecuteAsync(DbConnection connection, DbTransaction? transaction, (string Sql, (string Name, object? Value)[] Parameters)[] statements)
    {
        object? last = null;
        foreach (var (sql, parameters) in statements)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value is DateTimeOffset d && _provider == "sqlite" ? d.ToBinaryLike() : value ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }
            last = await command.ExecuteScalarAsync();
        }
        return last;
    }

    private (DbConnection Connection, DbTransaction Transaction)? _bulk;

    /// <summary>
    /// The fast seeding path for the 100,000-order figures: the same rows as <see cref="CheckoutAsync"/> (placed
    /// orders with everything they own), <paramref name="perTransaction"/> checkouts per transaction on one connection.
    /// </summary>
    public async Task SeedAsync(int orders, int perTransaction, Action<int> progress)
    {
        await using var connection = await OpenConnectionAsync();
        var bulk = new StorageBaseline(_provider, _connectionString, _catalog);
        for (var done = 0; done < orders;)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            bulk._bulk = (connection, transaction);
            var batch = Math.Min(perTransaction, orders - done);
            for (var i = 0; i < batch; i++)
                await bulk.CheckoutAsync();
            await transaction.CommitAsync();
            done += batch;
            progress(done);
        }
    }

    /// <summary>
    /// The recommender's counts recomputed from every placed or approved order (as the Recommendations migration does), so that
    /// seeded orders count however they were written.
    /// </summary>
    public async Task RecountRecommendationsAsync()
    {
        await using var connection = await OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, transaction, [
            ("DELETE FROM sku_sales", []),
            ("DELETE FROM co_purchases", []),
            ("INSERT INTO sku_sales (sku_id, orders_count) SELECT l.sku_id, COUNT(DISTINCT l.order_id) FROM line_items l JOIN orders o ON o.id = l.order_id "
                + "WHERE l.sku_id IS NOT NULL AND o.status IN ('placed', 'approved') GROUP BY l.sku_id", []),
            ("INSERT INTO co_purchases (sku_id, other_sku_id, orders_count) SELECT a.sku_id, b.sku_id, COUNT(DISTINCT a.order_id) FROM line_items a "
                + "JOIN line_items b ON b.order_id = a.order_id AND b.sku_id <> a.sku_id JOIN orders o ON o.id = a.order_id "
                + "WHERE a.sku_id IS NOT NULL AND b.sku_id IS NOT NULL AND o.status IN ('placed', 'approved') GROUP BY a.sku_id, b.sku_id", []),
        ]);
        await transaction.CommitAsync();
    }

    private static async Task<object?> Scalar(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return await command.ExecuteScalarAsync();
    }
}

internal static class TimestampExtensions
{
    /// <summary>EF Core's SQLite mapping of DateTimeOffset to INTEGER (DateTimeOffsetToBinaryConverter): ticks and offset packed.</summary>
    public static long ToBinaryLike(this DateTimeOffset value) => ((value.UtcTicks / 1000) << 11) | ((long)value.Offset.TotalMinutes & 0x7FF);
}
