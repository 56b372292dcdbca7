using Google.Protobuf;
using Onnx;

namespace Moderation.Classification.Embeddings;

/// <summary>
/// Dynamic quantisation of a transformer's dense layers, as ONNX Runtime's own
/// <c>quantize_dynamic</c> does it (which needs Python, not available to the service): each MatMul
/// by a constant weight becomes DynamicQuantizeLinear → MatMulInteger → Cast → Mul by the two
/// scales, which ONNX Runtime fuses into one integer kernel. Attention's products of two
/// activations, the embeddings and the layer norms stay in floats.
/// </summary>
public static class Int8Quantization
{
    /// <summary>
    /// Weights take 7 bits, not 8: on AVX2 without VNNI, ONNX Runtime multiplies unsigned 8-bit
    /// inputs by signed 8-bit weights in pairs summed into 16 bits, which saturates at full range.
    /// </summary>
    private const int WeightLimit = 63;

    /// <summary>Writes the quantised form of the ONNX model at <paramref name="source"/> to <paramref name="target"/>; the same input always gives the same bytes.</summary>
    public static int Quantize(string source, string target)
    {
        ModelProto model;
        using (var input = File.OpenRead(source))
        {
            model = ModelProto.Parser.ParseFrom(input);
        }

        var graph = model.Graph;
        var initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var nodes = new List<NodeProto>(graph.Node.Count * 2);
        var quantised = 0;
        foreach (var node in graph.Node)
        {
            if (node.OpType != "MatMul" || !initializers.TryGetValue(node.Input[1], out var weight) || weight.Dims.Count != 2
                || weight.DataType != (int)TensorProto.Types.DataType.Float || weight.RawData.Length == 0)
            {
                nodes.Add(node);
                continue;
            }

            graph.Initializer.Remove(weight);
            nodes.AddRange(QuantizedMatMul(node, weight, graph));
            quantised++;
        }

        graph.Node.Clear();
        graph.Node.AddRange(nodes);
        using (var output = File.Create(target))
        {
            model.WriteTo(output);
        }

        return quantised;
    }

    private static NodeProto[] QuantizedMatMul(NodeProto node, TensorProto weight, GraphProto graph)
    {
        var rows = (int)weight.Dims[0];
        var columns = (int)weight.Dims[1];
        var values = new float[rows * columns];
        weight.RawData.Span.CopyTo(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        var scales = new float[columns];
        for (var i = 0; i < values.Length; i++)
        {
            scales[i % columns] = Math.Max(scales[i % columns], Math.Abs(values[i]));
        }

        for (var c = 0; c < columns; c++)
        {
            scales[c] = scales[c] == 0 ? 1 : scales[c] / WeightLimit;
        }

        var quantisedWeights = new byte[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            quantisedWeights[i] = unchecked((byte)(sbyte)Math.Clamp((int)MathF.Round(values[i] / scales[i % columns]), -WeightLimit, WeightLimit));
        }

        var name = $"{node.Name}_int8";
        graph.Initializer.Add(new TensorProto { Name = $"{name}_weight", DataType = (int)TensorProto.Types.DataType.Int8, Dims = { rows, columns }, RawData = ByteString.CopyFrom(quantisedWeights) });
        graph.Initializer.Add(new TensorProto { Name = $"{name}_weight_zero", DataType = (int)TensorProto.Types.DataType.Int8, Dims = { columns }, RawData = ByteString.CopyFrom(new byte[columns]) });
        graph.Initializer.Add(new TensorProto { Name = $"{name}_weight_scale", DataType = (int)TensorProto.Types.DataType.Float, Dims = { columns }, FloatData = { scales } });
        return
        [
            new NodeProto { OpType = "DynamicQuantizeLinear", Name = $"{name}_quantize", Input = { node.Input[0] }, Output = { $"{name}_input", $"{name}_input_scale", $"{name}_input_zero" } },
            new NodeProto { OpType = "MatMulInteger", Name = $"{name}_matmul", Input = { $"{name}_input", $"{name}_weight", $"{name}_input_zero", $"{name}_weight_zero" }, Output = { $"{name}_product" } },
            new NodeProto
            {
                OpType = "Cast", Name = $"{name}_cast", Input = { $"{name}_product" }, Output = { $"{name}_product_float" },
                Attribute = { new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (long)TensorProto.Types.DataType.Float } },
            },
            new NodeProto { OpType = "Mul", Name = $"{name}_scales", Input = { $"{name}_input_scale", $"{name}_weight_scale" }, Output = { $"{name}_scale" } },
            new NodeProto { OpType = "Mul", Name = $"{name}_rescale", Input = { $"{name}_product_float", $"{name}_scale" }, Output = { node.Output[0] } },
        ];
    }
}
