namespace Commerce.Domain.Money;

/// <summary>Integer arithmetic on minor units. No floating point anywhere.</summary>
public static class MoneyMath
{
    /// <summary>
    /// <paramref name="numerator"/> / <paramref name="denominator"/> rounded to the nearest integer,
    /// halves rounded away from zero (2.5 → 3, -2.5 → -3; never banker's rounding). The product that
    /// feeds it may exceed <see cref="long"/>, so the division works on <see cref="Int128"/>.
    /// </summary>
    public static long DivideRounded(Int128 numerator, Int128 denominator)
    {
        if (denominator == 0)
            throw new DivideByZeroException();
        if (denominator < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var quotient = numerator / denominator;
        var remainder = numerator % denominator;
        var twice = Int128.Abs(remainder) * 2;
        if (twice >= denominator)
            quotient += numerator < 0 ? -1 : 1;
        return checked((long)quotient);
    }

    /// <summary><paramref name="amountCents"/> × <paramref name="numerator"/> / <paramref name="denominator"/>, rounded half away from zero.</summary>
    public static long MultiplyDivide(long amountCents, long numerator, long denominator) =>
        DivideRounded((Int128)amountCents * numerator, denominator);
}
