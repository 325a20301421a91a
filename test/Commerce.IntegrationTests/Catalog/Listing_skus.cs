using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Catalog;

/// <summary>Reading the demo catalog: includes, sorting, paging, filters, sparse fieldsets, links.</summary>
public sealed class Listing_skus : ApiFixture
{
    [Test]
    public async Task Lists_skus_with_prices_sorted_paged_and_filtered_as_the_contract_says()
    {
        var response = await Api.GetAsync("skus?include=prices&sort=-code&page[size]=2&filter[q][code_start]=");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.MediaType, Is.EqualTo("application/vnd.api+json"));
        var data = response.Data.AsArray();
        Assert.That(data.Select(d => d!["attributes"]!["code"]!.GetValue<string>()),
            Is.EqualTo(new[] { "TSHIRTMM000000FFFFFFXLXX", "MUGXXXXX000000FFFFFFXXXX" }));
        Assert.That(response.Body!["meta"]!["record_count"]!.GetValue<int>(), Is.EqualTo(5));
        Assert.That(response.Body!["meta"]!["page_count"]!.GetValue<int>(), Is.EqualTo(3));

        var links = response.Body!["links"]!;
        Assert.That(links["self"]!.GetValue<string>(), Does.Contain("/api/skus?"));
        Assert.That(Uri.UnescapeDataString(links["next"]!.GetValue<string>()), Does.Contain("page[number]=2").And.Contain("page[size]=2").And.Contain("sort=-code"));
        Assert.That(Uri.UnescapeDataString(links["last"]!.GetValue<string>()), Does.Contain("page[number]=3"));
        Assert.That(links["prev"], Is.Null, "page 1 has no previous page");

        var included = response.Body!["included"]!.AsArray();
        Assert.That(included, Has.Count.EqualTo(4), "two prices for each of the two SKUs");
        Assert.That(included.Select(i => i!["type"]!.GetValue<string>()), Is.Not.Empty.And.All.EqualTo("prices"));
        var linkage = data[0]!["relationships"]!["prices"]!["data"]!.AsArray();
        Assert.That(linkage.Select(l => l!["id"]!.GetValue<string>()), Is.SubsetOf(included.Select(i => i!["id"]!.GetValue<string>())));
    }

    [Test]
    public async Task Last_page_has_a_previous_link_and_no_next_link()
    {
        var response = await Api.GetAsync("skus?page[size]=2&page[number]=3");

        Assert.That(response.Data.AsArray(), Has.Count.EqualTo(1));
        Assert.That(response.Body!["links"]!["next"], Is.Null);
        Assert.That(Uri.UnescapeDataString(response.Body!["links"]!["prev"]!.GetValue<string>()), Does.Contain("page[number]=2"));
    }

    [TestCase("filter[q][code_cont]=MUG", new[] { "MUGXXXXX000000FFFFFFXXXX" })]
    [TestCase("filter[q][code_in]=CAPXXXXX000000000000XXXX,MUGXXXXX000000FFFFFFXXXX", new[] { "CAPXXXXX000000000000XXXX", "MUGXXXXX000000FFFFFFXXXX" })]
    [TestCase("filter[q][do_not_ship_true]=true", new[] { "GIFTCARD0000000000005000" })]
    [TestCase("filter[q][code_end]=XLXX", new[] { "TSHIRTMM000000FFFFFFXLXX" })]
    [TestCase("filter[q][code_lt]=GIFT", new[] { "CAPXXXXX000000000000XXXX" })]
    [TestCase("filter[q][code_not_in]=CAPXXXXX000000000000XXXX,MUGXXXXX000000FFFFFFXXXX,GIFTCARD0000000000005000", new[] { "HOODIEUL000000E63E74LXXX", "TSHIRTMM000000FFFFFFXLXX" })]
    [TestCase("filter[q][reference_null]=true&filter[q][code_start]=CAP", new[] { "CAPXXXXX000000000000XXXX" })]
    [TestCase("filter[q][created_at_gt]=2000-01-01T00:00:00Z&filter[q][code_start]=HOOD", new[] { "HOODIEUL000000E63E74LXXX" })]
    [TestCase("filter[q][created_at_lt]=2000-01-01T00:00:00Z", new string[0])]
    [TestCase("filter[q][code_cont]=mug", new[] { "MUGXXXXX000000FFFFFFXXXX" })]
    [TestCase("filter[q][code_start]=hoodie", new[] { "HOODIEUL000000E63E74LXXX" })]
    [TestCase("filter[q][code_end]=xlxx", new[] { "TSHIRTMM000000FFFFFFXLXX" })]
    [TestCase("filter[q][reference_blank]=true&filter[q][code_start]=cap", new[] { "CAPXXXXX000000000000XXXX" })]
    public async Task Filters_run_in_the_database(string filter, string[] expected)
    {
        var response = await Api.GetAsync($"skus?{filter}&sort=code&filter[q][code_not_eq]=ZZZ");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Data.AsArray().Select(d => d!["attributes"]!["code"]!.GetValue<string>()), Is.EqualTo(expected));
    }

    [Test]
    public async Task Sparse_fieldsets_show_only_the_fields_asked_for()
    {
        var response = await Api.GetAsync("skus?fields[skus]=code,prices&include=prices&fields[prices]=amount_cents&page[size]=1");

        var sku = response.Data[0]!;
        Assert.That(sku["attributes"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "code" }));
        Assert.That(sku["relationships"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "prices" }));
        Assert.That(response.Body!["included"]![0]!["attributes"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "amount_cents" }));
    }

    [Test]
    public async Task Related_and_relationship_links_both_work()
    {
        var sku = (await Api.GetAsync("skus?filter[q][code_eq]=MUGXXXXX000000FFFFFFXXXX")).Data[0]!;
        var relationship = sku["relationships"]!["prices"]!["links"]!;

        var related = await Api.GetAsync(relationship["related"]!.GetValue<string>() + "?sort=currency_code");
        var linkage = await Api.GetAsync(relationship["self"]!.GetValue<string>());
        var stock = await Api.GetAsync(sku["relationships"]!["stock_item"]!["links"]!["related"]!.GetValue<string>());

        Assert.That(related.Data.AsArray().Select(p => p!["attributes"]!["currency_code"]!.GetValue<string>()), Is.EqualTo(new[] { "EUR", "USD" }));
        Assert.That(related.Body!["meta"]!["record_count"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(linkage.Data.AsArray().Select(p => p!["type"]!.GetValue<string>()), Is.Not.Empty.And.All.EqualTo("prices"));
        Assert.That(linkage.Data[0]!["attributes"], Is.Null, "a relationship endpoint returns identifiers only");
        Assert.That(stock.Attributes["quantity"]!.GetValue<int>(), Is.EqualTo(200));
    }

    [Test]
    public async Task Timestamps_are_utc_with_milliseconds()
    {
        var response = await Api.GetAsync("skus?page[size]=1");

        Assert.That(response.Data[0]!["attributes"]!["created_at"]!.GetValue<string>(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"));
    }

    [Test]
    public async Task Ids_are_opaque_base62_strings()
    {
        var response = await Api.GetAsync("skus");

        Assert.That(response.Data.AsArray().Select(d => d!["id"]!.GetValue<string>()), Is.Not.Empty.And.All.Match("^[0-9A-Za-z]{10,}$"));
    }

    [TestCase("skus?include=nope", "INVALID_INCLUDE", "include")]
    [TestCase("skus?include=prices.sku.prices.sku", "INVALID_INCLUDE", "include")]
    [TestCase("skus?sort=description", "INVALID_SORT_CRITERIA", "sort")]
    [TestCase("skus?filter[q][description_eq]=x", "FILTER_NOT_ALLOWED", "filter[q][description_eq]")]
    [TestCase("skus?filter[q][code_like]=x", "INVALID_FILTERS_SYNTAX", "filter[q][code_like]")]
    [TestCase("skus?filter[q][pieces_per_pack_gt]=many", "INVALID_FILTERS_SYNTAX", "filter[q][pieces_per_pack_gt]")]
    [TestCase("skus?page[size]=26", "INVALID_PAGE_VALUE", "page[size]")]
    [TestCase("skus?page[number]=0", "INVALID_PAGE_VALUE", "page[number]")]
    [TestCase("skus?fields[skus]=colour", "INVALID_FIELD", "fields[skus]")]
    [TestCase("skus?fields[widgets]=code", "INVALID_FIELD", "fields[widgets]")]
    [TestCase("skus?utm_source=mail", "PARAM_NOT_ALLOWED", "utm_source")]
    public async Task Bad_query_parameters_are_400_with_the_parameter_named(string url, string code, string parameter)
    {
        var response = await Api.GetAsync(url);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.ToString());
        Assert.That(response.Error["code"]!.GetValue<string>(), Is.EqualTo(code));
        Assert.That(response.Error["status"]!.GetValue<string>(), Is.EqualTo("400"));
        Assert.That(response.Error["source"]!["parameter"]!.GetValue<string>(), Is.EqualTo(parameter));
    }

    // .ci/run runs the tests of category TimeZone again with TZ=Asia/Tokyo: in UTC a timestamp read as local time is the same instant.
    [Test]
    [Category("TimeZone")]
    public async Task A_filter_timestamp_without_an_offset_means_utc_whatever_the_servers_time_zone()
    {
        var sku = (await Api.GetAsync("skus?sort=code&page[size]=1")).Data[0]!;
        var code = sku["attributes"]!["code"]!.GetValue<string>();
        var createdAt = DateTimeOffset.Parse(sku["attributes"]!["created_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        // Written by hand in UTC without an offset: a second before and a second after the SKU was created.
        static string WithoutOffset(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);

        var createdAfter = await Api.GetAsync($"skus?filter[q][code_eq]={code}&filter[q][created_at_gt]={WithoutOffset(createdAt.AddSeconds(-1))}");
        var createdBefore = await Api.GetAsync($"skus?filter[q][code_eq]={code}&filter[q][created_at_lt]={WithoutOffset(createdAt.AddSeconds(1))}");

        Assert.That(createdAfter.Data.AsArray(), Has.Count.EqualTo(1), createdAfter.ToString());
        Assert.That(createdBefore.Data.AsArray(), Has.Count.EqualTo(1), createdBefore.ToString());
    }
}
