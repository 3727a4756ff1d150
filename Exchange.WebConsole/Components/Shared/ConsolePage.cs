using Exchange.WebConsole.Client;
using Exchange.WebConsole.Resources;
using Exchange.WebConsole.Session;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Exchange.WebConsole.Components.Shared;

/// <summary>What every page of the console has: the API client, who is signed in, the texts, and a way to run a call that may be refused.</summary>
public abstract class ConsolePage : ComponentBase
{
    [Inject] protected ExchangeApiClient Api { get; set; } = null!;

    [Inject] protected ConsoleSession Session { get; set; } = null!;

    [Inject] protected NavigationManager Navigation { get; set; } = null!;

    [Inject] protected IStringLocalizer<ConsoleText> L { get; set; } = null!;

    /// <summary>The refusal of the page's last read, shown at the top of the page.</summary>
    protected ApiProblem? LoadProblem { get; set; }

    protected bool Loading { get; private set; }

    /// <summary>Runs a read; a refusal is kept in <see cref="LoadProblem"/> rather than breaking the circuit.</summary>
    protected async Task LoadAsync(Func<Task> read)
    {
        Loading = true;
        LoadProblem = null;
        try
        {
            await read();
        }
        catch (ApiProblemException ex)
        {
            LoadProblem = ex.Problem;
        }
        finally
        {
            Loading = false;
        }
    }

    /// <summary>A word the API sends (a status, a kind) in the user's language, or as sent when the console does not know it yet.</summary>
    protected string Word(string prefix, string value)
    {
        var text = L[prefix + value];
        return text.ResourceNotFound ? value : text.Value;
    }

    /// <summary>Runs a command; returns its refusal (null when it succeeded), for the page to show next to the action.</summary>
    protected static async Task<ApiProblem?> CommandAsync(Func<Task> command)
    {
        try
        {
            await command();
            return null;
        }
        catch (ApiProblemException ex)
        {
            return ex.Problem;
        }
    }
}
