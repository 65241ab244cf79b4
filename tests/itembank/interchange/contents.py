"""Content of every item type in both languages, as the editor writes it."""

from tests.itembank.conftest import single_choice, single_choice_en


def _choices(texts, keys, rationale=""):
    return [
        {"text": t, "rationale": f"{rationale}{i}" if rationale else "", "correct": i in keys}
        for i, t in enumerate(texts)
    ]


CONTENTS: dict[str, tuple[dict, dict]] = {
    "single_choice": (single_choice(feedback="監督式學習需要標註資料。"), single_choice_en()),
    "multiple_proportional": (
        {
            "stem": "下列哪些是分類模型的評估指標？\n\n請選出所有正確者。",
            "options": _choices(["精確率", "召回率", "均方誤差", "F1 分數"], {0, 1, 3}, "理由"),
            "partial_credit": "proportional",
        },
        {
            "stem": "Which are classification metrics?\n\nChoose all that apply.",
            "options": _choices(["Precision", "Recall", "MSE", "F1 score"], {0, 1, 3}, "Why "),
            "partial_credit": "proportional",
        },
    ),
    "multiple_right_minus_wrong": (
        {
            "stem": "哪些屬於生成式模型？",
            "options": _choices(["GAN", "VAE", "SVM"], {0, 1}),
            "partial_credit": "right_minus_wrong",
        },
        {
            "stem": "Which are generative models?",
            "options": _choices(["GAN", "VAE", "SVM"], {0, 1}),
            "partial_credit": "right_minus_wrong",
        },
    ),
    "multiple_all_or_nothing": (
        {
            "stem": "哪些是非監督式學習？",
            "options": _choices(["K-means", "PCA", "邏輯迴歸"], {0, 1}),
            "partial_credit": "all_or_nothing",
        },
        {},
    ),
    "true_false": (
        {
            "stem": "過擬合的模型在訓練集上表現較差。",
            "key": False,
            "rationale_true": "不對。",
            "rationale_false": "過擬合在訓練集上表現很好。",
        },
        {
            "stem": "An overfitted model does worse on the training set.",
            "key": False,
            "rationale_false": "It does very well on the training set.",
        },
    ),
    "numeric": (
        {"stem": "準確率是多少？", "value": 0.85, "tolerance": 0.01, "unit": "比例"},
        {"stem": "What is the accuracy?", "value": 0.85, "tolerance": 0.01, "unit": "ratio"},
    ),
    "numeric_exact": ({"stem": "3 + 4 = ?", "value": 7, "tolerance": 0}, {}),
    "short_text": (
        {"stem": "模型記住訓練資料雜訊的現象稱為？", "answers": ["過擬合", "過度擬合"]},
        {
            "stem": "What is it called when a model learns the noise?",
            "answers": ["overfitting", "over-fitting"],
            "case_sensitive": True,
        },
    ),
    "short_text_patterns": (
        {"stem": "請寫出一種梯度下降變形。", "answers": ["SGD"], "patterns": ["(?i)adam(w)?"]},
        {"stem": "Name a gradient descent variant.", "answers": [], "patterns": ["[Aa]dam"]},
    ),
    "ordering": (
        {
            "stem": "請依機器學習專案流程排序。",
            "options": [{"text": "模型訓練"}, {"text": "資料收集"}, {"text": "模型部署"}],
            "key": [1, 0, 2],
        },
        {
            "stem": "Order the steps of an ML project.",
            "options": [{"text": "Training"}, {"text": "Data collection"}, {"text": "Deployment"}],
            "key": [1, 0, 2],
        },
    ),
    "matching": (
        {
            "stem": "請配對演算法與類型。",
            "prompts": [{"text": "K-means"}, {"text": "線性迴歸"}, {"text": "DBSCAN"}],
            "responses": [{"text": "分群"}, {"text": "迴歸"}],
            "key": [[0, 0], [1, 1], [2, 0]],
        },
        {
            "stem": "Match each algorithm to its kind.",
            "prompts": [{"text": "K-means"}, {"text": "Linear regression"}, {"text": "DBSCAN"}],
            "responses": [{"text": "Clustering"}, {"text": "Regression"}],
            "key": [[0, 0], [1, 1], [2, 0]],
        },
    ),
    "constructed_response": (
        {
            "stem": "請說明偏差與變異的權衡。\n請舉一例。",
            "rubric": {
                "criteria": [
                    {
                        "name": "概念正確",
                        "levels": [
                            {"score": 0, "descriptor": "未說明"},
                            {"score": 1, "descriptor": "部分正確"},
                            {"score": 2, "descriptor": "完整且正確"},
                        ],
                    },
                    {
                        "name": "舉例",
                        "levels": [
                            {"score": 0, "descriptor": "無"},
                            {"score": 1, "descriptor": "有恰當例子"},
                        ],
                    },
                ]
            },
        },
        {
            "stem": "Explain the bias-variance trade-off.\nGive an example.",
            "rubric": {
                "criteria": [
                    {
                        "name": "Concept",
                        "levels": [
                            {"score": 0, "descriptor": "Missing"},
                            {"score": 1, "descriptor": "Partly right"},
                            {"score": 2, "descriptor": "Complete & correct <ok>"},
                        ],
                    },
                    {
                        "name": "Example",
                        "levels": [
                            {"score": 0, "descriptor": "None"},
                            {"score": 1, "descriptor": "A fitting example"},
                        ],
                    },
                ]
            },
        },
    ),
}


def item_type_of(case: str) -> str:
    for prefix in ("multiple", "numeric", "short_text"):
        if case.startswith(prefix):
            return "multiple_response" if prefix == "multiple" else prefix
    return case
