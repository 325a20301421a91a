using System.Net;
using Commerce.Api.Gateways;
using Commerce.Domain.Payments;
using Commerce.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.Orders;

/// <summary>_cancel, _approve, _capture, _refund and _refresh from every status: where allowed they move the order and the money; elsewhere 422.</summary>
public sealed class Order_lifecycle_triggers : ApiFixture
{
    private TestPaymentGateway Gateway => Factory.Services.GetRequiredService<TestPaymentGateway>();

    public enum State { Draft, Pending, Placed, Approved, Paid, Cancelled, Refunded }

    /// <summary>An order paid by card (test gateway) brought to <paramref name="state"/> through the API.</summary>
    private async Task<string> OrderIn(State state)
    {
        var builder = new CheckoutBuilder(Api);
        if (state == State.Draft)
            builder.WithoutItems();
        var id = (await builder.BuildAsync()).Id;
        async Task Step(string trigger)
        {
            var response = await Api.TriggerAsync(id, trigger);
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), $"{trigger}: {response}");
        }
        if (state is State.Draft or State.Pending)
            return id;
        await Step("_place");
        if (state == State.Approved) await Step("_approve");
        if (state == State.Cancelled) await Step("_cancel");
        if (state is State.Paid or State.Refunded) await Step("_capture");
        if (state == State.Refunded) await Step("_refund");
        return id;
    }

    [TestCase(State.Placed)]
    [TestCase(State.Approved)]
    public async Task Cancel_voids_the_authorization_and_cancels(State from)
    {
        var id = await OrderIn(from);
        var (voids, open) = (Gateway.VoidCalls, Gateway.OpenAuthorizations);

        var response = await Api.TriggerAsync(id, "_cancel");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Attributes.Text("status"), Is.EqualTo("cancelled"));
        Assert.That(response.Attributes.Text("payment_status"), Is.EqualTo("voided"));
        Assert.That(response.Attributes["cancelled_at"], Is.Not.Null);
        Assert.That(Gateway.VoidCalls - voids, Is.EqualTo(1));
        Assert.That(Gateway.OpenAuthorizations, Is.EqualTo(open - 1), "the money is released");
        var transactions = await Api.RelatedAsync(id, "voids");
        Assert.That(transactions.Select(t => t!["attributes"]!.Text("status")), Is.EqualTo(new[] { "succeeded" }));
        Assert.That((await Api.OrderAsync(id)).Text("status"), Is.EqualTo("cancelled"));
    }

    [Test]
    public async Task Approve_approves_a_placed_order()
    {
        var id = await OrderIn(State.Placed);

        var response = await Api.TriggerAsync(id, "_approve");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Attributes.Text("status"), Is.EqualTo("approved"));
        Assert.That(response.Attributes.Text("payment_status"), Is.EqualTo("authorized"));
        Assert.That(response.Attributes["approved_at"], Is.Not.Null);
        Assert.That((await Api.OrderAsync(id)).Text("status"), Is.EqualTo("approved"));
    }

    [TestCase(State.Placed)]
    [TestCase(State.Approved)]
    public async Task Capture_takes_the_authorized_money(State from)
    {
        var id = await OrderIn(from);
        var total = (await Api.OrderAsync(id))["total_amount_cents"]!.GetValue<long>();

        var response = await Api.TriggerAsync(id, "_capture");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Attributes.Text("payment_status"), Is.EqualTo("paid"));
        Assert.That(response.Attributes.Text("status"), Is.EqualTo(from == State.Placed ? "placed" : "approved"));
        var captures = await Api.RelatedAsync(id, "captures");
        Assert.That(captures, Has.Count.EqualTo(1));
        Assert.That(captures[0]!["attributes"]!.Text("status"), Is.EqualTo("succeeded"));
        Assert.That(captures[0]!["attributes"]!["amount_cents"]!.GetValue<long>(), Is.EqualTo(total));
        Assert.That((await Api.OrderAsync(id)).Text("payment_status"), Is.EqualTo("paid"));
    }

    [Test]
    public async Task Refund_gives_the_money_back_and_cancels()
    {
        var id = await OrderIn(State.Paid);

        var response = await Api.TriggerAsync(id, "_refund");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Attributes.Text("payment_status"), Is.EqualTo("refunded"));
        Assert.That(response.Attributes.Text("status"), Is.EqualTo("cancelled"));
        var refunds = await Api.RelatedAsync(id, "refunds");
        Assert.That(refunds.Select(t => t!["attributes"]!.Text("status")), Is.EqualTo(new[] { "succeeded" }));
        var after = await Api.OrderAsync(id);
        Assert.That((after.Text("status"), after.Text("payment_status")), Is.EqualTo(("cancelled", "refunded")));
    }

    [TestCase("_cancel", State.Draft, "status")]
    [TestCase("_cancel", State.Pending, "status")]
    [TestCase("_cancel", State.Paid, "payment_status")]
    [TestCase("_cancel", State.Cancelled, "status")]
    [TestCase("_cancel", State.Refunded, "status")]
    [TestCase("_approve", State.Draft, "status")]
    [TestCase("_approve", State.Pending, "status")]
    [TestCase("_approve", State.Approved, "status")]
    [TestCase("_approve", State.Cancelled, "status")]
    [TestCase("_approve", State.Refunded, "status")]
    [TestCase("_capture", State.Draft, "status")]
    [TestCase("_capture", State.Pending, "status")]
    [TestCase("_capture", State.Paid, "payment_status")]
    [TestCase("_capture", State.Cancelled, "status")]
    [TestCase("_capture", State.Refunded, "status")]
    [TestCase("_refund", State.Draft, "status")]
    [TestCase("_refund", State.Pending, "status")]
    [TestCase("_refund", State.Placed, "payment_status")]
    [TestCase("_refund", State.Approved, "payment_status")]
    [TestCase("_refund", State.Cancelled, "status")]
    [TestCase("_refund", State.Refunded, "status")]
    [TestCase("_refresh", State.Placed, "status")]
    [TestCase("_refresh", State.Approved, "status")]
    [TestCase("_refresh", State.Cancelled, "status")]
    [TestCase("_place", State.Approved, "status")]
    [TestCase("_place", State.Cancelled, "status")]
    public async Task A_trigger_from_a_status_that_does_not_permit_it_is_422_and_changes_nothing(string trigger, State from, string member)
    {
        var id = await OrderIn(from);
        var before = (await Api.OrderAsync(id)).ToJsonString();
        var (voids, authorizations) = (Gateway.VoidCalls, Gateway.AuthorizeCalls);
        var transactions = await CountRelatedAsync(id);

        var response = await Api.TriggerAsync(id, trigger);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), response.ToString());
        Assert.That(response.ErrorPointers, Is.EqualTo(new[] { $"/data/attributes/{member}" }), response.ToString());
        Assert.That((await Api.OrderAsync(id)).ToJsonString(), Is.EqualTo(before));
        Assert.That((Gateway.VoidCalls, Gateway.AuthorizeCalls), Is.EqualTo((voids, authorizations)), "no money moved");
        Assert.That(await CountRelatedAsync(id), Is.EqualTo(transactions), "no transaction was written");
    }

    private async Task<int> CountRelatedAsync(string id)
    {
        var count = 0;
        foreach (var kind in new[] { "authorizations", "voids", "captures", "refunds" })
            count += (await Api.RelatedAsync(id, kind)).Count;
        return count;
    }

    [TestCase("_place", "_cancel")]
    [TestCase("_approve", "_capture")]
    [TestCase("_capture", "_refund")]
    public async Task More_than_one_lifecycle_trigger_in_one_request_is_422(string first, string second)
    {
        var id = await OrderIn(first == "_place" ? State.Pending : State.Placed);
        var before = (await Api.OrderAsync(id)).ToJsonString();

        var response = await Api.PatchAsync($"orders/{id}", Document("orders", new Dictionary<string, object> { [first] = true, [second] = true }, id: id));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), response.ToString());
        Assert.That(response.ErrorPointers, Is.EquivalentTo(new[] { $"/data/attributes/{first}", $"/data/attributes/{second}" }));
        Assert.That((await Api.OrderAsync(id)).ToJsonString(), Is.EqualTo(before));
    }

    [Test]
    public async Task Refresh_reprices_a_pending_order_after_a_price_change()
    {
        var sku = await TestCatalog.CreateSkuAsync(Api, new Dictionary<string, long> { ["EUR"] = 1000 });
        var order = await new CheckoutBuilder(Api).WithItem(sku.Code, 3).BuildAsync();
        var changed = await Api.PatchAsync($"prices/{sku.PriceIds["EUR"]}", Document("prices", new { amount_cents = 1200 }, id: sku.PriceIds["EUR"]));
        Assert.That(changed.Status, Is.EqualTo(HttpStatusCode.OK), changed.ToString());
        Assert.That((await Api.OrderAsync(order.Id))["subtotal_amount_cents"]!.GetValue<long>(), Is.EqualTo(3000), "a price change alone does not touch the order");

        var response = await Api.TriggerAsync(order.Id, "_refresh");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Attributes["subtotal_amount_cents"]!.GetValue<long>(), Is.EqualTo(3600));
        var lines = await Api.GetAsync($"orders/{order.Id}/line_items");
        Assert.That(lines.Data[0]!["attributes"]!["unit_amount_cents"]!.GetValue<long>(), Is.EqualTo(1200));
        Assert.That((await Api.OrderAsync(order.Id))["subtotal_amount_cents"]!.GetValue<long>(), Is.EqualTo(3600));
    }
}
