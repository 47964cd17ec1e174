namespace Pinned.Registry;

/// <summary>The registry section of the policy names a file that cannot be used (caFile, dockerConfig).</summary>
public sealed class RegistryConfigurationException : Exception
{
    public RegistryConfigurationException()
    {
    }

    public RegistryConfigurationException(string message)
        : base(message)
    {
    }

    public RegistryConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
