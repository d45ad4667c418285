namespace Plugin.Sdk;

/// <summary>The result of a workflow action: success and the (possibly changed) context.</summary>
public sealed record ActionResult(bool Success, ActionContext Context, string? Message = null)
{
    public static ActionResult Ok(ActionContext context, string? message = null) => new(true, context, message);
    public static ActionResult Fail(ActionContext context, string message) => new(false, context, message);
}
