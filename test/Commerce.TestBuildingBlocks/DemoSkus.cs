namespace Commerce.TestBuildingBlocks;

/// <summary>The demo catalog's SKU codes (seeded by the service at start-up).</summary>
public static class DemoSkus
{
    public const string Tshirt = "TSHIRTMM000000FFFFFFXLXX"; // EUR 29.00, USD 32.00
    public const string Hoodie = "HOODIEUL000000E63E74LXXX"; // EUR 59.00, USD 65.00
    public const string Mug = "MUGXXXXX000000FFFFFFXXXX";    // EUR 14.50, USD 16.00
    public const string Cap = "CAPXXXXX000000000000XXXX";    // EUR 22.00, 3 in stock
    public const string GiftCard = "GIFTCARD0000000000005000"; // EUR 50.00, do_not_ship
}
