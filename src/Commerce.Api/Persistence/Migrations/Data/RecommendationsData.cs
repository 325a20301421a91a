using Microsoft.EntityFrameworkCore.Migrations;

namespace Commerce.Api.Persistence.Migrations.Data;

/// <summary>
/// The data move of the <c>Recommendations</c> migration (every provider; plain SQL all three run): the recommender's counts
/// of the orders placed before it existed, and the marker that its outbox handler (<c>recommendations.count</c>) has seen
/// every order event already written, so that an event still pending at the upgrade is not counted a second time.
/// </summary>
internal static class RecommendationsData
{
    private const string Counted = "o.status IN ('placed', 'approved')";

    public static void CountPlacedOrders(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(
            "INSERT INTO sku_sales (sku_id, orders_count) " +
            "SELECT l.sku_id, COUNT(DISTINCT l.order_id) FROM line_items l JOIN orders o ON o.id = l.order_id " +
            $"WHERE {Counted} GROUP BY l.sku_id");
        migrationBuilder.Sql(
            "INSERT INTO co_purchases (sku_id, other_sku_id, orders_count) " +
            "SELECT a.sku_id, b.sku_id, COUNT(DISTINCT a.order_id) FROM line_items a " +
            "JOIN line_items b ON b.order_id = a.order_id AND b.sku_id <> a.sku_id JOIN orders o ON o.id = a.order_id " +
            $"WHERE {Counted} GROUP BY a.sku_id, b.sku_id");
        migrationBuilder.Sql(
            "INSERT INTO outbox_handled (event_id, handler, instance, handled_at) " +
            "SELECT e.id, 'recommendations.count', 'migration', e.created_at FROM outbox_events e " +
            "WHERE e.topic IN ('orders.place', 'orders.cancel', 'orders.refund')");
    }
}
