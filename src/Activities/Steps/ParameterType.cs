namespace SagaBridge.Activities.Steps;

/// <summary>The JSON shape a step parameter must have once its templates are resolved.</summary>
public enum ParameterType
{
    /// <summary>A JSON string.</summary>
    String,

    /// <summary>A JSON integer.</summary>
    Integer,

    /// <summary>A JSON true or false.</summary>
    Boolean,

    /// <summary>A JSON object whose values are all strings.</summary>
    StringMap,

    /// <summary>Any JSON object.</summary>
    Object,

    /// <summary>Any JSON value.</summary>
    Any,
}
