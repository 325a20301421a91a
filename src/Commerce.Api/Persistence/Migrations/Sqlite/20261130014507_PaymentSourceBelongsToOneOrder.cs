using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commerce.Api.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PaymentSourceBelongsToOneOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Before this index a source could be linked to several orders: unlink it from those still being built
            // (draft, pending) that share it, so the index can be created. Two placed orders sharing one stop the
            // migration: that needs a person to look at it.
            migrationBuilder.Sql(
                "UPDATE orders SET payment_source_id = NULL WHERE status IN ('draft', 'pending') AND payment_source_id IN "
                + "(SELECT payment_source_id FROM orders WHERE payment_source_id IS NOT NULL GROUP BY payment_source_id HAVING COUNT(*) > 1)");

            migrationBuilder.DropIndex(
                name: "IX_orders_payment_source_id",
                table: "orders");

            migrationBuilder.CreateIndex(
                name: "IX_orders_payment_source_id",
                table: "orders",
                column: "payment_source_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_orders_payment_source_id",
                table: "orders");

            migrationBuilder.CreateIndex(
                name: "IX_orders_payment_source_id",
                table: "orders",
                column: "payment_source_id");
        }
    }
}
