using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Commerce.Api.Persistence.Migrations.PostgreSql
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
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "key",
                table: "idempotency_keys",
                type: "character varying(319)",
                maxLength: 319,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(255)",
                oldMaxLength: 255);

            migrationBuilder.AddColumn<string>(
                name: "password_hash",
                table: "customers",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "owner_customer_id",
                table: "addresses",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "applications",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    client_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    secret_hash = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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

            migrationBuilder.AlterColumn<string>(
                name: "key",
                table: "idempotency_keys",
                type: "character varying(255)",
                maxLength: 255,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(319)",
                oldMaxLength: 319);
        }
    }
}
