using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commerce.Api.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Authentication : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "owner_customer_id",
                table: "payment_sources",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "password_hash",
                table: "customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "owner_customer_id",
                table: "addresses",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "applications",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    client_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    secret_hash = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_applications", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_payment_sources_owner_customer_id",
                table: "payment_sources",
                column: "owner_customer_id");

            migrationBuilder.CreateIndex(
                name: "IX_addresses_owner_customer_id",
                table: "addresses",
                column: "owner_customer_id");

            migrationBuilder.CreateIndex(
                name: "IX_applications_client_id",
                table: "applications",
                column: "client_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_applications_created_at",
                table: "applications",
                column: "created_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "applications");

            migrationBuilder.DropIndex(
                name: "IX_payment_sources_owner_customer_id",
                table: "payment_sources");

            migrationBuilder.DropIndex(
                name: "IX_addresses_owner_customer_id",
                table: "addresses");

            migrationBuilder.DropColumn(
                name: "owner_customer_id",
                table: "payment_sources");

            migrationBuilder.DropColumn(
                name: "password_hash",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "owner_customer_id",
                table: "addresses");
        }
    }
}
