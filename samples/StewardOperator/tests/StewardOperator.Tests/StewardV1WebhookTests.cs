namespace StewardOperator.Tests;

using StewardOperator.Api.V1;
using StewardOperator.Webhooks.V1;

public sealed class StewardV1WebhookTests
{
    [Fact]
    public async Task Defaulting_keeps_the_object_valid()
    {
        var obj = new Steward();
        await new StewardCustomDefaulter().DefaultAsync(obj, TestContext.Current.CancellationToken);
        Assert.NotNull(obj.Spec);
    }

    [Fact]
    public async Task A_new_object_is_allowed()
    {
        var result = await new StewardCustomValidator().ValidateCreateAsync(new Steward(), TestContext.Current.CancellationToken);
        Assert.True(result.Allowed, result.Message);
    }
}
