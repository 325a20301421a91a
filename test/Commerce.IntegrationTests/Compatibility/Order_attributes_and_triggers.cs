using System.Net;
using System.Text.Json.Nodes;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Compatibility;

/// <summary>
/// The order attributes and triggers Commerce Layer's storefront and back-office clients send: links, expiry, autorefresh,
/// archiving, <c>_pending</c>, <c>_approve_and_capture</c>, <c>_fulfill</c> and nested metadata.
/// </summary>
public sealed class Order_attributes_and_triggers : ApiFixture
{
    private JsonApiClient _salesChannel = null!;

    [OneTimeSetUp]
    public async Task SalesChannel() =>
        _salesChannel = Factory.CreateApiClient(await Factory.GetTokenAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = CommerceFactory.SalesChannelId }));

    private async Task<string> NewOrderAsync(JsonApiClient? client = null)
    {
        var order = await (client ?? Api).PostAsync("orders", Document("orders", new { currency_code = "EUR" }));
        Assert.That(order.Status, Is.EqualTo(HttpStatusCode.Created), order.ToString());
        return order.Id;
    }

    private static object Attributes(params (string Name, object? Value)[] members) => members.ToDictionary(m => m.Name, m => m.Value);

    [Test]
    public async Task The_storefront_links_are_kept_and_returned()
    {
        var created = await _salesChannel.PostAsync("orders", Document("orders", Attributes(("currency_code", "EUR"),
            ("cart_url", "https://shop.example/cart"), ("return_url", "https://shop.example/thanks"),
            ("terms_url", "https://shop.example/terms"), ("privacy_url", "https://shop.example/privacy"))));

        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        var read = await _salesChannel.GetAsync($"orders/{created.Id}");
        Assert.That(read.Attributes.Text("cart_url"), Is.EqualTo("https://shop.example/cart"));
        Assert.That(read.Attributes.Text("return_url"), Is.EqualTo("https://shop.example/thanks"));
        Assert.That(read.Attributes.Text("terms_url"), Is.EqualTo("https://shop.example/terms"));
        Assert.That(read.Attributes.Text("privacy_url"), Is.EqualTo("https://shop.example/privacy"));
    }

    [TestCase("return_url", "javascript:alert(1)")]
    [TestCase("cart_url", "/relative/cart")]
    public async Task A_link_that_is_not_an_absolute_http_url_is_422_at_its_pointer(string name, string value)
    {
        var id = await NewOrderAsync();

        var refused = await Api.PatchAsync($"orders/{id}", Document("orders", Attributes((name, value)), id: id));

        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), refused.ToString());
        Assert.That(refused.ErrorPointers, Is.EqualTo(new[] { $"/data/attributes/{name}" }));
        Assert.That((await Api.OrderAsync(id))[name], Is.Null);
    }

    [Test]
    public async Task Autorefresh_is_true_by_default_and_may_be_turned_off()
    {
        var id = await NewOrderAsync();
        Assert.That((await Api.OrderAsync(id))["autorefresh"]!.GetValue<bool>(), Is.True);

        var off = await Api.PatchAsync($"orders/{id}", Document("orders", Attributes(("autorefresh", false)), id: id));

        Assert.That(off.Status, Is.EqualTo(HttpStatusCode.OK), off.ToString());
        Assert.That((await Api.OrderAsync(id))["autorefresh"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task An_expired_order_cannot_be_placed()
    {
        var order = await new CheckoutBuilder(Api).BuildAsync();
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(2);
        var set = await Api.PatchAsync($"orders/{order.Id}", Document("orders", Attributes(("expires_at", expiresAt)), id: order.Id));
        Assert.That(set.Status, Is.EqualTo(HttpStatusCode.OK), set.ToString());

        // Waits for the time the order itself names, not a guess: the expiry is the subject.
        var passed = await Eventually.TrueAsync(() => Task.FromResult(DateTimeOffset.UtcNow > expiresAt));
        var refused = await Api.PlaceAsync(order.Id);

        Assert.That(passed, Is.True);
        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), refused.ToString());
        Assert.That(refused.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/expires_at" }));
        Assert.That((await Api.OrderAsync(order.Id)).Text("status"), Is.EqualTo("pending"));
    }

    [Test]
    public async Task An_expiry_in_the_past_is_422_and_a_sales_channel_may_not_set_one()
    {
        var id = await NewOrderAsync(_salesChannel);

        var past = await Api.PatchAsync($"orders/{id}", Document("orders", Attributes(("expires_at", DateTimeOffset.UtcNow.AddMinutes(-1))), id: id));
        var bySalesChannel = await _salesChannel.PatchAsync($"orders/{id}", Document("orders", Attributes(("expires_at", DateTimeOffset.UtcNow.AddDays(1))), id: id));

        Assert.That(past.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), past.ToString());
        Assert.That(past.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/expires_at" }));
        Assert.That(bySalesChannel.Status, Is.EqualTo(HttpStatusCode.Forbidden), bySalesChannel.ToString());
        Assert.That((await Api.OrderAsync(id))["expires_at"], Is.Null);
    }

    [Test]
    public async Task Archive_and_unarchive_set_and_clear_archived_at_and_lists_can_leave_archived_orders_out()
    {
        var reference = Unique("ARCHIVE-");
        var created = await Api.PostAsync("orders", Document("orders", new { currency_code = "EUR", reference }));
        var id = created.Id;

        var archived = await Api.TriggerAsync(id, "_archive");
        var notArchived = await Api.GetAsync($"orders?filter[q][archived_at_null]=true&filter[q][reference_eq]={reference}");
        var onlyArchived = await Api.GetAsync($"orders?filter[q][archived_at_null]=false&filter[q][reference_eq]={reference}");
        var unarchived = await Api.TriggerAsync(id, "_unarchive");

        Assert.That(archived.Status, Is.EqualTo(HttpStatusCode.OK), archived.ToString());
        Assert.That(archived.Attributes["archived_at"], Is.Not.Null);
        Assert.That(notArchived.Status, Is.EqualTo(HttpStatusCode.OK), notArchived.ToString());
        Assert.That(notArchived.Data.AsArray(), Is.Empty);
        Assert.That(onlyArchived.Data.AsArray().Select(o => o!["id"]!.GetValue<string>()), Is.EqualTo(new[] { id }));
        Assert.That(unarchived.Attributes["archived_at"], Is.Null);
    }

    [Test]
    public async Task Only_an_integration_may_archive()
    {
        var id = await NewOrderAsync(_salesChannel);

        var refused = await _salesChannel.TriggerAsync(id, "_archive");

        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.Forbidden), refused.ToString());
        Assert.That(refused.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/_archive" }));
    }

    [Test]
    public async Task Pending_makes_a_draft_order_pending_and_it_stays_so()
    {
        var id = await NewOrderAsync(_salesChannel);
        Assert.That((await Api.OrderAsync(id)).Text("status"), Is.EqualTo("draft"));

        var pending = await _salesChannel.TriggerAsync(id, "_pending");
        var changed = await _salesChannel.PatchAsync($"orders/{id}", Document("orders", Attributes(("language_code", "en")), id: id));

        Assert.That(pending.Status, Is.EqualTo(HttpStatusCode.OK), pending.ToString());
        Assert.That(pending.Attributes.Text("status"), Is.EqualTo("pending"));
        Assert.That(changed.Attributes.Text("status"), Is.EqualTo("pending"), "a later change does not take it back to draft");
    }

    [Test]
    public async Task Approve_and_capture_approves_a_placed_order_and_captures_its_payment()
    {
        var order = await new CheckoutBuilder(Api).BuildAsync();
        Assert.That((await Api.PlaceAsync(order.Id)).Status, Is.EqualTo(HttpStatusCode.OK));

        var done = await Api.PatchAsync($"orders/{order.Id}?include=captures", Document("orders", Attributes(("_approve_and_capture", true)), id: order.Id));

        Assert.That(done.Status, Is.EqualTo(HttpStatusCode.OK), done.ToString());
        Assert.That(done.Attributes.Text("status"), Is.EqualTo("approved"));
        Assert.That(done.Attributes.Text("payment_status"), Is.EqualTo("paid"));
        Assert.That(done.Body!["included"]!.AsArray().Select(c => c!["attributes"]!["succeeded"]!.GetValue<bool>()), Is.EqualTo(new[] { true }));
    }

    [Test]
    public async Task Approve_and_capture_of_an_order_that_is_not_placed_is_422_and_changes_nothing()
    {
        var order = await new CheckoutBuilder(Api).BuildAsync();

        var refused = await Api.TriggerAsync(order.Id, "_approve_and_capture");

        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), refused.ToString());
        Assert.That(refused.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/status" }));
        var after = await Api.OrderAsync(order.Id);
        Assert.That(after.Text("status"), Is.EqualTo("pending"));
        Assert.That(after.Text("payment_status"), Is.EqualTo("unpaid"));
    }

    [Test]
    public async Task A_capture_that_is_refused_saves_no_approval_either()
    {
        // The capture half is refused (the payment is captured already): the approval half of the same trigger is not saved.
        var order = await new CheckoutBuilder(Api).BuildAsync();
        Assert.That((await Api.PlaceAsync(order.Id)).Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Api.TriggerAsync(order.Id, "_capture")).Status, Is.EqualTo(HttpStatusCode.OK));

        var refused = await Api.TriggerAsync(order.Id, "_approve_and_capture");

        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), refused.ToString());
        Assert.That(refused.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/payment_status" }));
        Assert.That((await Api.OrderAsync(order.Id)).Text("status"), Is.EqualTo("placed"));
    }

    [Test]
    public async Task Fulfill_marks_an_approved_order_fulfilled_and_refuses_a_placed_one()
    {
        var order = await new CheckoutBuilder(Api).BuildAsync();
        Assert.That((await Api.PlaceAsync(order.Id)).Status, Is.EqualTo(HttpStatusCode.OK));

        var early = await Api.TriggerAsync(order.Id, "_fulfill");
        Assert.That((await Api.TriggerAsync(order.Id, "_approve")).Status, Is.EqualTo(HttpStatusCode.OK));
        var fulfilled = await Api.TriggerAsync(order.Id, "_fulfill");
        var again = await Api.TriggerAsync(order.Id, "_fulfill");

        Assert.That(early.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), early.ToString());
        Assert.That(early.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/status" }));
        Assert.That(fulfilled.Status, Is.EqualTo(HttpStatusCode.OK), fulfilled.ToString());
        Assert.That(fulfilled.Attributes.Text("fulfillment_status"), Is.EqualTo("fulfilled"));
        Assert.That(again.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), again.ToString());
        Assert.That(again.ErrorPointers, Is.EqualTo(new[] { "/data/attributes/fulfillment_status" }));
    }

    [Test]
    public async Task Metadata_takes_nested_json_values_and_returns_them_as_sent()
    {
        var metadata = JsonNode.Parse("""{"source":"cl-checkout","utm":{"campaign":"spring","tags":["a","b"]},"count":3,"gift":true,"note":null}""")!;
        var id = await NewOrderAsync();

        var updated = await Api.PatchAsync($"orders/{id}", Document("orders", new Dictionary<string, object?> { ["metadata"] = metadata }, id: id));

        Assert.That(updated.Status, Is.EqualTo(HttpStatusCode.OK), updated.ToString());
        var read = (await Api.OrderAsync(id))["metadata"]!;
        Assert.That(JsonNode.DeepEquals(read, metadata), Is.True, read.ToJsonString());
    }
}
