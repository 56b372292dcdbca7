using System.Text.Json.Nodes;
using Moderation.Classification.Learning;
using Moderation.Classification.Storage;
using Moderation.Contracts;

namespace Moderation.Classification.Tests;

/// <summary>What the stores keep of results and model versions: schemas of their own, versioned, and the documents written before them still read.</summary>
public sealed class StoredDocumentTests
{
    /// <summary>A result as schema 1 stored it: the <see cref="ContentClassified"/> event in the public API's JSON.</summary>
    private const string SchemaOneResult = """
        {"submissionId":"0195f000-0000-7000-8000-000000000001","kind":"comment","verdict":"review","scores":{"harassment/threatening":0.8,"violence":0.3},"reasons":[{"category":"harassment/threatening","source":"rule:test","detail":"threat","field":"body","span":{"start":0,"end":4}}],"modelVersion":"model-1","policyVersion":"policy-1","occurredAt":"2026-11-25T10:00:00+00:00"}
        """;

    /// <summary>A model version as schema 1 stored it: the public API's model version view in the API's JSON.</summary>
    private const string SchemaOneModelVersion = """
        {"version":"site-20261125T100000000","createdAt":"2026-11-25T10:00:00+00:00","promoted":false,"trainingExamples":40,"heldOutExamples":10,"macroAuprc":0.9,"baselineMacroAuprc":0.5,"comparedWith":"default-bfdbdfb6bc","categories":{"harassment":{"positives":4,"heldOut":10,"precision":1,"recall":0.75,"f1":0.8571,"auprc":0.95,"baselineAuprc":0.5,"baselineF1":0.4,"promoted":true,"threshold":0.35},"spam":{"positives":0,"heldOut":10,"precision":0,"recall":0,"f1":0,"auprc":0,"baselineAuprc":null,"baselineF1":null,"promoted":null,"threshold":null}},"promotedCategories":["harassment"]}
        """;

    [Fact]
    public void A_schema_one_result_reads_as_the_result_it_stored_and_a_result_reads_back_the_same()
    {
        var result = ClassificationResultDocument.Deserialize(SchemaOneResult);

        Assert.Equal((ContentKind.Comment, Verdict.Review, "model-1", "policy-1"), (result.Kind, result.Verdict, result.ModelVersion, result.PolicyVersion));
        Assert.Equal(0.8, result.Scores[Categories.HarassmentThreatening]);
        Assert.Equal(new ClassificationReason(Categories.HarassmentThreatening, "rule:test", "threat", "body", new EvidenceSpan(0, 4)), Assert.Single(result.Reasons));

        var json = ClassificationResultDocument.Serialize(result);
        Assert.Equal(ClassificationResultDocument.CurrentSchemaVersion, JsonNode.Parse(json)!["schemaVersion"]!.GetValue<int>());
        Assert.Equal(json, ClassificationResultDocument.Serialize(ClassificationResultDocument.Deserialize(json)));
    }

    [Fact]
    public void A_schema_one_model_version_reads_as_the_version_it_stored_and_a_version_reads_back_the_same()
    {
        var model = ModelVersionDocument.Deserialize(SchemaOneModelVersion, promoted: true);

        Assert.Equal(("site-20261125T100000000", true, 40, "default-bfdbdfb6bc"), (model.Version, model.Promoted, model.TrainingExamples, model.ComparedWith));
        Assert.Equal(new CategoryEvaluation(4, 10, 1, 0.75, 0.8571, 0.95, 0.5, 0.4, true, 0.35), model.Categories[Categories.Harassment]);
        Assert.Equal(new CategoryEvaluation(0, 10, 0, 0, 0, 0), model.Categories[Categories.Spam]);
        Assert.Equal([Categories.Harassment], model.PromotedCategories!);

        var json = ModelVersionDocument.Serialize(model);
        Assert.Equal(ModelVersionDocument.CurrentSchemaVersion, JsonNode.Parse(json)!["schemaVersion"]!.GetValue<int>());
        Assert.Equal(json, ModelVersionDocument.Serialize(ModelVersionDocument.Deserialize(json, promoted: false)));
    }

    [Fact]
    public void Documents_of_a_newer_schema_are_refused_rather_than_misread()
    {
        var result = JsonNode.Parse(SchemaOneResult)!;
        result["schemaVersion"] = ClassificationResultDocument.CurrentSchemaVersion + 1;
        var model = JsonNode.Parse(SchemaOneModelVersion)!;
        model["schemaVersion"] = ModelVersionDocument.CurrentSchemaVersion + 1;

        Assert.Throws<InvalidDataException>(() => ClassificationResultDocument.Deserialize(result.ToJsonString()));
        Assert.Throws<InvalidDataException>(() => ModelVersionDocument.Deserialize(model.ToJsonString(), promoted: false));
    }
}
