using Commerce.Domain.Money;

namespace Commerce.UnitTests.Domain.Money;

public class MoneyFormatterTests
{
    [Test]
    public void Formats_eur_in_italian_with_comma() =>
        Assert.That(MoneyFormatter.Format(84300, "EUR", "it"), Is.EqualTo("€843,00"));

    [Test]
    public void Formats_eur_in_italian_with_dot_between_thousands() =>
        Assert.That(MoneyFormatter.Format(123456789, "EUR", "it"), Is.EqualTo("€1.234.567,89"));

    [Test]
    public void Formats_usd_in_english_with_comma_between_thousands() =>
        Assert.That(MoneyFormatter.Format(123450, "USD", "en"), Is.EqualTo("$1,234.50"));

    [Test]
    public void Formats_jpy_without_decimals() =>
        Assert.That(MoneyFormatter.Format(1235, "JPY", "ja"), Is.EqualTo("¥1,235"));

    [Test]
    public void Formats_negative_amounts_with_the_minus_before_the_symbol() =>
        Assert.That(MoneyFormatter.Format(-8430, "EUR", "it"), Is.EqualTo("-€84,30"));

    [Test]
    public void Formats_zero_with_all_minor_digits() =>
        Assert.That(MoneyFormatter.Format(0, "EUR", "it"), Is.EqualTo("€0,00"));

    [Test]
    public void Formats_small_amounts_with_leading_zeros_in_the_minor_part() =>
        Assert.That(MoneyFormatter.Format(5, "USD", "en"), Is.EqualTo("$0.05"));

    [Test]
    public void Formats_three_decimal_currencies_with_three_minor_digits() =>
        Assert.That(MoneyFormatter.Format(1234567, "KWD", "en"), Is.EqualTo("KD1,234.567"));

    [Test]
    public void Formats_the_smallest_long_without_overflow() =>
        Assert.That(MoneyFormatter.Format(long.MinValue, "USD", "en"), Is.EqualTo("-$92,233,720,368,547,758.08"));

    [Test]
    public void Falls_back_to_invariant_separators_for_an_unknown_language() =>
        Assert.That(MoneyFormatter.Format(123450, "USD", "zz-not-a-culture-xx"), Is.EqualTo("$1,234.50"));

    [Test]
    public void Refuses_an_unknown_currency() =>
        Assert.That(() => MoneyFormatter.Format(1, "XXX", "en"), Throws.ArgumentException);

    [TestCase(84300, "EUR", 843.0)]
    [TestCase(-8430, "EUR", -84.3)]
    [TestCase(1235, "JPY", 1235.0)]
    [TestCase(1234567, "BHD", 1234.567)]
    public void Converts_cents_to_float_by_minor_units(long cents, string currency, double expected) =>
        Assert.That(MoneyFormatter.ToFloat(cents, currency), Is.EqualTo(expected));

    [TestCase("EUR", 2)]
    [TestCase("USD", 2)]
    [TestCase("GBP", 2)]
    [TestCase("JPY", 0)]
    [TestCase("CHF", 2)]
    [TestCase("SEK", 2)]
    [TestCase("DKK", 2)]
    [TestCase("NOK", 2)]
    [TestCase("PLN", 2)]
    [TestCase("CAD", 2)]
    [TestCase("AUD", 2)]
    [TestCase("KWD", 3)]
    [TestCase("BHD", 3)]
    public void Knows_iso_4217_minor_units(string currency, int minorUnits) =>
        Assert.That(Currencies.MinorUnits(currency), Is.EqualTo(minorUnits));
}

public class MoneyMathTests
{
    [TestCase(5, 2, 3)]
    [TestCase(-5, 2, -3)]
    [TestCase(7, 2, 4)]
    [TestCase(4, 3, 1)]
    [TestCase(5, 3, 2)]
    [TestCase(-5, 3, -2)]
    [TestCase(25, 10, 3)]
    [TestCase(-25, 10, -3)]
    public void Rounds_halves_away_from_zero(long numerator, long denominator, long expected) =>
        Assert.That(MoneyMath.DivideRounded(numerator, denominator), Is.EqualTo(expected));

    [Test]
    public void Multiplies_beyond_long_range_before_dividing() =>
        Assert.That(MoneyMath.MultiplyDivide(long.MaxValue / 2, 2200, 12200), Is.EqualTo(831615511519692901L));
}

public class MoneyFormatterLanguageTests
{
    [Test]
    public void Formats_eur_in_german_with_dot_thousands_and_comma_decimals() =>
        Assert.That(MoneyFormatter.Format(123450, "EUR", "de"), Is.EqualTo("€1.234,50"));

    [Test]
    public void Formats_gbp_in_english() =>
        Assert.That(MoneyFormatter.Format(99, "GBP", "en"), Is.EqualTo("£0.99"));

    [Test]
    public void Formats_with_the_symbol_first_even_where_the_culture_puts_it_last() =>
        Assert.That(MoneyFormatter.Format(1000, "SEK", "sv"), Does.StartWith("kr10"));
}
