using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Catalog;

/// <summary>Writing catalog resources: create, update (absent vs null), delete, validation with pointers.</summary>
public sealed class Managing_the_catalog : ApiFixture
{
    [Test]
    public async Task Creating_a_sku_answers_201_with_location_and_document()
    {
        var code = Unique("SKU");
        var response = await Api.PostAsync("skus", Document("skus", new { code, name = "Blue scarf", do_not_ship = false }));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Created), response.ToString());
        Assert.That(response.Headers.Location!.ToString(), Does.EndWith($"/api/skus/{response.Id}"));
        Assert.That(response.Attributes["code"]!.GetValue<string>(), Is.EqualTo(code));
        var fetched = await Api.GetAsync(response.Headers.Location!.ToString());
        Assert.That(fetched.Attributes["name"]!.GetValue<string>(), Is.EqualTo("Blue scarf"));
    }

    [Test]
    public async Task Every_validation_failure_is_reported_with_its_pointer()
    {
        var response = await Api.PostAsync("skus", Document("skus", new { code = "MUGXXXXX000000FFFFFFXXXX", name = "", pieces_per_pack = 0 }));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), response.ToString());
        Assert.That(response.ErrorPointers, Is.EquivalentTo(new[] { "/data/attributes/code", "/data/attributes/name", "/data/attributes/pieces_per_pack" }));
        Assert.That(response.Errors.Select(e => e!["code"]!.GetValue<string>()), Is.Not.Empty.And.All.EqualTo("VALIDATION_ERROR"));
    }

    [Test]
    public async Task Missing_required_attributes_are_422_with_pointers()
    {
        var response = await Api.PostAsync("skus", Document("skus", new { description = "nameless" }));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(response.ErrorPointers, Is.EquivalentTo(new[] { "/data/attributes/code", "/data/attributes/name" }));
    }

    [Test]
    public async Task Patch_changes_only_the_fields_sent_and_null_clears_a_field()
    {
        var created = await Api.PostAsync("skus", Document("skus", new { code = Unique("SKU"), name = "Scarf", description = "Wool", reference = "R1" }));

        var patched = await Api.PatchAsync($"skus/{created.Id}", Document("skus", new { description = (string?)null }, id: created.Id));

        Assert.That(patched.Status, Is.EqualTo(HttpStatusCode.OK), patched.ToString());
        Assert.That(patched.Attributes["description"], Is.Null, "null was sent: the field is cleared");
        Assert.That(patched.Attributes["reference"]!.GetValue<string>(), Is.EqualTo("R1"), "absent: the field is kept");
        Assert.That(patched.Attributes["name"]!.GetValue<string>(), Is.EqualTo("Scarf"));
    }

    [Test]
    public async Task A_failed_patch_changes_nothing()
    {
        var created = await Api.PostAsync("skus", Document("skus", new { code = Unique("SKU"), name = "Scarf" }));

        var failed = await Api.PatchAsync($"skus/{created.Id}", Document("skus", new { name = "Renamed", pieces_per_pack = -1 }, id: created.Id));
        var after = await Api.GetAsync($"skus/{created.Id}");

        Assert.That(failed.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(failed.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/pieces_per_pack" }));
        Assert.That(after.Attributes["name"]!.GetValue<string>(), Is.EqualTo("Scarf"));
    }

    [Test]
    public async Task A_price_belongs_to_an_existing_sku_and_one_per_price_list()
    {
        var sku = await Api.PostAsync("skus", Document("skus", new { code = Unique("SKU"), name = "Scarf" }));

        var created = await Api.PostAsync("prices", Document("prices", new { currency_code = "EUR", amount_cents = 1999 }, new { sku = ToOne("skus", sku.Id) }));
        var duplicate = await Api.PostAsync("prices", Document("prices", new { currency_code = "EUR", amount_cents = 1 }, new { sku = ToOne("skus", sku.Id) }));
        var orphan = await Api.PostAsync("prices", Document("prices", new { currency_code = "EUR", amount_cents = 1 }));
        var ghost = await Api.PostAsync("prices", Document("prices", new { currency_code = "EUR", amount_cents = 1 }, new { sku = ToOne("skus", "doesNotExist1") }));
        var badCurrency = await Api.PostAsync("prices", Document("prices", new { currency_code = "euro", amount_cents = 5 }, new { sku = ToOne("skus", sku.Id) }));
        var negative = await Api.PostAsync("prices", Document("prices", new { currency_code = "USD", amount_cents = -5 }, new { sku = ToOne("skus", sku.Id) }));

        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        Assert.That(duplicate.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(created.Attributes.Text("sku_code"), Is.EqualTo(sku.Attributes.Text("code")));
        Assert.That(duplicate.ErrorPointers, Is.EqualTo(new[] { "/data/relationships/price_list" }));
        Assert.That(orphan.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(orphan.ErrorPointers, Is.EqualTo(new[] { "/data/relationships/sku" }));
        Assert.That(ghost.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(ghost.ErrorPointers, Is.EqualTo(new[] { "/data/relationships/sku/data" }));
        Assert.That(badCurrency.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/currency_code" }), "no price list is in it");
        Assert.That(negative.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/amount_cents" }));
    }

    [Test]
    public async Task Stock_can_never_be_negative()
    {
        var sku = await Api.PostAsync("skus", Document("skus", new { code = Unique("SKU"), name = "Scarf" }));

        var response = await Api.PostAsync("stock_items", Document("stock_items", new { quantity = -1 }, new { sku = ToOne("skus", sku.Id) }));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(response.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/quantity" }));
    }

    [Test]
    public async Task Shipping_methods_validate_their_countries()
    {
        var response = await Api.PostAsync("shipping_methods",
            Document("shipping_methods", new { name = "Courier", currency_code = "EUR", price_amount_cents = 500, country_codes = new[] { "IT", "italy" } }));
        var valid = await Api.PostAsync("shipping_methods",
            Document("shipping_methods", new { name = "Courier", currency_code = "EUR", price_amount_cents = 500, country_codes = new[] { "IT", "SM" } }));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(response.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/country_codes" }));
        Assert.That(valid.Attributes["country_codes"]!.AsArray().Select(c => c!.GetValue<string>()), Is.EqualTo(new[] { "IT", "SM" }));
    }

    [Test]
    public async Task Payment_methods_match_their_gateway_to_the_source_type()
    {
        var response = await Api.PostAsync("payment_methods",
            Document("payment_methods", new { name = "Bank", payment_source_type = "wire_transfers", currency_code = "EUR", gateway = "test" }));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(response.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/gateway" }));
    }

    [Test]
    public async Task Customers_have_unique_well_formed_emails_and_read_only_counters()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var created = await Api.PostAsync("customers", Document("customers", new { email }));
        var again = await Api.PostAsync("customers", Document("customers", new { email }));
        var malformed = await Api.PostAsync("customers", Document("customers", new { email = "not-an-email" }));
        var counter = await Api.PostAsync("customers", Document("customers", new { email = "x@example.com", total_orders_count = 5 }));

        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(created.Attributes["status"]!.GetValue<string>(), Is.EqualTo("prospect"));
        Assert.That(again.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/email" }));
        Assert.That(malformed.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/email" }));
        Assert.That(counter.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(counter.Error["code"]!.GetValue<string>(), Is.EqualTo("INVALID_FIELD"));
    }

    [Test]
    public async Task Deleting_answers_204_and_the_resource_is_gone()
    {
        var created = await Api.PostAsync("skus", Document("skus", new { code = Unique("SKU"), name = "Scarf" }));

        var deleted = await Api.DeleteAsync($"skus/{created.Id}");
        var fetched = await Api.GetAsync($"skus/{created.Id}");

        Assert.That(deleted.Status, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(fetched.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(fetched.Error["code"]!.GetValue<string>(), Is.EqualTo("RECORD_NOT_FOUND"));
    }
}
