using Microsoft.EntityFrameworkCore.Migrations;

namespace Commerce.Api.Persistence.Migrations.Data;

/// <summary>The data moves of the CustomersStorefront migration, called from each provider's migration with one line.</summary>
internal static class CustomersData
{
    /// <summary>
    /// <c>orders.guest</c> is now stored (true for the rows the migration adds it to): an order already linked to a customer
    /// who has a password was not a guest order, and says so.
    /// </summary>
    public static void MarkOrdersOfRegisteredCustomers(MigrationBuilder migrationBuilder)
    {
        var no = migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL" ? "FALSE" : "0";
        migrationBuilder.Sql($"UPDATE orders SET guest = {no} WHERE customer_id IN (SELECT id FROM customers WHERE password_hash IS NOT NULL)");
    }
}
