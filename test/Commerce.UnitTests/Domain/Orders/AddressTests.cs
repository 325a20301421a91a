using Commerce.Domain.Orders;
using Commerce.UnitTests.Domain.Support;

namespace Commerce.UnitTests.Domain.Orders;

public class AddressTests
{
    [Test]
    public void A_complete_address_is_valid() =>
        Assert.That(new Address(TestOrders.ItalianAddress).Validate(), Is.Empty);

    [Test]
    public void An_empty_address_reports_every_failure_at_once()
    {
        var members = new Address(new AddressDetails()).Validate().Select(f => f.Member);
        Assert.That(members, Is.EquivalentTo(new[] { "first_name", "last_name", "line_1", "city", "country_code", "zip_code", "phone" }));
    }

    [Test]
    public void A_company_replaces_first_and_last_name()
    {
        var address = new Address(TestOrders.ItalianAddress with { FirstName = null, LastName = null, Company = "ACME" });
        Assert.That(address.Validate(), Is.Empty);
    }

    [TestCase("HK")]
    [TestCase("AE")]
    [TestCase("QA")]
    public void Zip_code_is_not_required_where_there_are_no_postal_codes(string country)
    {
        var address = new Address(TestOrders.ItalianAddress with { CountryCode = country, ZipCode = null });
        Assert.That(address.Validate(), Is.Empty);
    }

    [Test]
    public void Zip_code_is_required_where_there_are_postal_codes()
    {
        var address = new Address(TestOrders.ItalianAddress with { ZipCode = " " });
        Assert.That(address.Validate().Select(f => f.Member), Is.EqualTo(new[] { "zip_code" }));
    }

    [TestCase("XX")]
    [TestCase("ITA")]
    [TestCase("UK")]
    public void Country_code_must_be_iso_3166_alpha_2(string country)
    {
        var address = new Address(TestOrders.ItalianAddress with { CountryCode = country });
        Assert.That(address.Validate().Select(f => f.Member), Does.Contain("country_code"));
    }

    [Test]
    public void Country_code_is_stored_upper_case() =>
        Assert.That(new Address(TestOrders.ItalianAddress with { CountryCode = "it" }).CountryCode, Is.EqualTo("IT"));

    [Test]
    public void Ships_the_full_iso_3166_list() =>
        Assert.That(Countries.Count, Is.EqualTo(249));

    [Test]
    public void Phone_is_required()
    {
        var address = new Address(TestOrders.ItalianAddress with { Phone = null });
        Assert.That(address.Validate().Select(f => f.Member), Is.EqualTo(new[] { "phone" }));
    }

    [Test]
    public void Email_must_be_well_formed_when_given()
    {
        var address = new Address(TestOrders.ItalianAddress with { Email = "nope@" });
        Assert.That(address.Validate().Select(f => f.Member), Is.EqualTo(new[] { "email" }));
    }

    [Test]
    public void Change_replaces_the_attributes()
    {
        var address = new Address(TestOrders.ItalianAddress);
        address.Change(address.ToDetails() with { City = "Roma" });
        Assert.That(address.City, Is.EqualTo("Roma"));
    }
}
