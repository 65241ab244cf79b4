"""3.1 Supervised and unsupervised learning, 3.2 model evaluation and validation."""

from __future__ import annotations

import random

from aicert.demo.items._build import (
    Category,
    ItemSpec,
    Mistake,
    Scenario,
    classify,
    computed,
    constructed,
    matching,
    multi,
    no,
    numeric,
    ok,
    single,
    true_false,
)

P, E = "professional", "expert"

# --- 3.1 ---------------------------------------------------------------------------------------
TASKS = {
    "classification": Category(
        "分類",
        "Classification",
        "預測資料屬於哪一個預先定義的類別",
        "predicting which predefined class a case belongs to",
    ),
    "regression": Category(
        "迴歸", "Regression", "預測一個連續的數值", "predicting a continuous number"
    ),
    "clustering": Category(
        "分群",
        "Clustering",
        "在沒有標籤的情況下把相似的資料分成群組",
        "grouping similar cases without labels",
    ),
    "anomaly": Category(
        "異常偵測",
        "Anomaly detection",
        "找出與大多數資料明顯不同的少數個案，常缺乏足夠的異常標籤",
        "finding the few cases that differ sharply from the rest, often without enough labelled anomalies",
    ),
    "forecasting": Category(
        "時間序列預測",
        "Time-series forecasting",
        "依過去的時間序列預測未來各期的數值",
        "predicting future values of a series from its past",
    ),
    "ranking": Category(
        "排序／推薦",
        "Ranking / recommendation",
        "依相關程度為每位使用者排列項目的先後",
        "ordering items for each user by relevance",
    ),
}
TASK_Q = ("這屬於哪一類機器學習任務？", "Which kind of machine-learning task is this?")
TASK_SCENARIOS = [
    Scenario(
        "spam",
        P,
        "easy",
        "判斷每封電子郵件是否為垃圾郵件。",
        "Deciding whether each email is spam.",
        "classification",
        "輸出是預先定義的類別（是／否），屬分類。",
        "The output is a predefined class (yes/no): classification.",
        ("clustering", "regression", "anomaly"),
    ),
    Scenario(
        "house-price",
        P,
        "easy",
        "依房屋條件估計成交價格。",
        "Estimating a home's sale price from its attributes.",
        "regression",
        "輸出是連續數值，屬迴歸。",
        "The output is a continuous number: regression.",
        ("classification", "forecasting", "ranking"),
    ),
    Scenario(
        "segments",
        P,
        "easy",
        "把 10 萬名會員依消費行為分成幾個族群，事先沒有任何族群標籤。",
        "Grouping 100,000 members by purchasing behaviour with no segment labels in advance.",
        "clustering",
        "沒有標籤、依相似性分組，屬分群。",
        "No labels, grouping by similarity: clustering.",
        ("classification", "anomaly", "ranking"),
    ),
    Scenario(
        "turbine",
        P,
        "medium",
        "風力發電機的感測資料中，過去幾乎沒有故障紀錄，想找出運轉型態異常的機組。",
        "Wind-turbine sensor data has almost no failure records, and turbines behaving abnormally must be found.",
        "anomaly",
        "異常樣本極少且缺乏標籤，屬異常偵測。",
        "Anomalies are rare and unlabelled: anomaly detection.",
        ("classification", "clustering", "forecasting"),
    ),
    Scenario(
        "electricity",
        P,
        "easy",
        "依過去三年每小時用電量，預測未來 48 小時每小時的用電量。",
        "Predicting hourly electricity use for the next 48 hours from three years of hourly history.",
        "forecasting",
        "依時間順序預測未來各期數值，屬時間序列預測。",
        "Predicting future periods from an ordered past is time-series forecasting.",
        ("regression", "clustering", "anomaly"),
    ),
    Scenario(
        "news-feed",
        P,
        "medium",
        "為每位使用者決定首頁上 20 則新聞的顯示先後。",
        "Deciding the order of 20 news items on each user's home page.",
        "ranking",
        "目標是依相關程度排序項目，屬排序／推薦。",
        "Ordering items by relevance is ranking / recommendation.",
        ("classification", "regression", "clustering"),
    ),
    Scenario(
        "ticket-route",
        P,
        "medium",
        "把客服工單自動分派到「帳務、技術、物流、其他」四個處理小組。",
        "Routing support tickets automatically to the billing, technical, logistics or other team.",
        "classification",
        "輸出是四個預先定義的類別之一，屬多類別分類。",
        "The output is one of four predefined classes: multi-class classification.",
        ("clustering", "ranking", "anomaly"),
    ),
    Scenario(
        "delivery-minutes",
        P,
        "medium",
        "預測外送訂單從下單到送達需要幾分鐘。",
        "Predicting how many minutes a delivery takes from order to doorstep.",
        "regression",
        "輸出是連續數值（分鐘），屬迴歸；雖與時間有關，但不是預測一條序列的未來值。",
        "The output is a number of minutes: regression. It involves time but is not forecasting a series.",
        ("forecasting", "classification", "ranking"),
    ),
    Scenario(
        "card-fraud-labelled",
        P,
        "hard",
        "銀行有數百萬筆已確認為盜刷或正常的交易紀錄，想判斷新交易是否為盜刷。",
        "A bank has millions of transactions confirmed as fraud or genuine and wants to judge whether new ones are fraud.",
        "classification",
        "雖然盜刷是少數，但有充足的確認標籤，適合以（不平衡）分類處理。",
        "Fraud is rare, but confirmed labels are plentiful, so it suits (imbalanced) classification.",
        ("anomaly", "clustering", "regression"),
    ),
    Scenario(
        "store-weekly",
        P,
        "medium",
        "預測每家門市未來 8 週每週的營業額，資料有明顯的季節性。",
        "Forecasting each store's weekly revenue for the next 8 weeks, with clear seasonality.",
        "forecasting",
        "依歷史序列預測未來多期並處理季節性，屬時間序列預測。",
        "Predicting several future periods with seasonality is time-series forecasting.",
        ("regression", "ranking", "clustering"),
    ),
]

ALGORITHMS = {
    "logistic": Category(
        "邏輯斯迴歸",
        "Logistic regression",
        "線性、可解釋、輸出機率的分類基準模型",
        "a linear, interpretable classifier that outputs probabilities, a common baseline",
    ),
    "tree": Category(
        "單一決策樹（限制深度）",
        "A single depth-limited decision tree",
        "產生人可閱讀的「若…則…」規則",
        "producing human-readable if–then rules",
    ),
    "gbm": Category(
        "梯度提升樹",
        "Gradient-boosted trees",
        "在表格資料上準確度通常很高，能處理非線性與交互作用",
        "usually very accurate on tabular data, handling non-linearity and interactions",
    ),
    "kmeans": Category(
        "k-means 分群",
        "k-means clustering",
        "把資料分成 k 個以中心點代表、大致呈球形的群",
        "splitting data into k roughly spherical groups represented by centres",
    ),
    "dbscan": Category(
        "DBSCAN 密度分群",
        "DBSCAN density clustering",
        "依密度找出任意形狀的群，並把稀疏點標為雜訊，不需預先指定群數",
        "finding arbitrarily shaped groups by density and marking sparse points as noise, without fixing the number of groups",
    ),
    "knn": Category(
        "k 最近鄰",
        "k-nearest neighbours",
        "以最相近的 k 筆已知資料投票或平均來預測",
        "predicting by the vote or average of the k most similar known cases",
    ),
}
ALGO_Q = ("最適合採用哪一種演算法？", "Which algorithm fits best?")
ALGO_SCENARIOS = [
    Scenario(
        "regulated-credit",
        P,
        "medium",
        "銀行需要一個信用模型，監理要求能清楚說明每個變數對核貸機率的影響方向與大小，並輸出機率。",
        "A bank needs a credit model; the regulator requires a clear statement of each variable's direction and size of effect on approval probability.",
        "logistic",
        "邏輯斯迴歸的係數直接呈現各變數的影響方向與大小，並輸出機率。",
        "Logistic regression's coefficients show each variable's direction and size of effect, and it outputs probabilities.",
        ("gbm", "knn", "tree"),
    ),
    Scenario(
        "triage-rules",
        P,
        "medium",
        "護理站希望有一張可以印出來貼在牆上的簡單檢傷判斷流程，且依據資料訂定。",
        "A nursing station wants a simple, data-based triage flow it can print and pin to the wall.",
        "tree",
        "限制深度的決策樹能轉成簡單的判斷流程圖。",
        "A depth-limited tree becomes a simple flowchart.",
        ("logistic", "gbm", "kmeans"),
    ),
    Scenario(
        "tabular-accuracy",
        P,
        "medium",
        "電商有 50 個結構化特徵、200 萬筆資料，要預測購買機率，最重視準確度。",
        "A retailer has 50 structured features and 2 million rows to predict purchase probability, and accuracy matters most.",
        "gbm",
        "大量表格資料且重視準確度，梯度提升樹通常表現最佳。",
        "Large tabular data with accuracy first: gradient-boosted trees usually win.",
        ("knn", "tree", "logistic"),
    ),
    Scenario(
        "five-segments",
        P,
        "easy",
        "行銷部門想把會員依「消費金額、頻率、最近一次消費」分成 5 群，以設計 5 種方案。",
        "Marketing wants to split members into 5 groups by spend, frequency and recency to design 5 offers.",
        "kmeans",
        "已知要分 5 群、特徵為數值，k-means 簡單有效。",
        "A known number of groups on numeric features: k-means is simple and effective.",
        ("dbscan", "knn", "tree"),
    ),
    Scenario(
        "gps-hotspots",
        P,
        "hard",
        "要從計程車上下車的 GPS 點找出熱點區域，熱點形狀不規則，也不知道有幾個，而且有許多零星的點。",
        "Finding hot spots in taxi pick-up GPS points: the spots are irregularly shaped, their number is unknown, and there are many scattered points.",
        "dbscan",
        "DBSCAN 能找出任意形狀的群、不需指定群數，並把零星點視為雜訊。",
        "DBSCAN finds arbitrary shapes without a preset count and treats scattered points as noise.",
        ("kmeans", "knn", "gbm"),
    ),
    Scenario(
        "similar-cases",
        P,
        "medium",
        "客服系統想找出與新問題最相似的 5 件歷史案件，參考它們的解決方式。",
        "A support system wants the 5 past cases most similar to a new problem, to reuse their fixes.",
        "knn",
        "以最相近的 k 筆案例作為參考，正是 k 最近鄰的概念。",
        "Using the k most similar cases is exactly nearest neighbours.",
        ("kmeans", "tree", "logistic"),
    ),
    Scenario(
        "baseline-first",
        P,
        "easy",
        "專案剛開始，團隊想先建立一個簡單、訓練快、可解釋的二元分類基準模型，作為後續比較的依據。",
        "At the start of a project the team wants a simple, fast, interpretable baseline for a binary classifier to compare later models against.",
        "logistic",
        "邏輯斯迴歸簡單、快速、可解釋，是常用的基準。",
        "Logistic regression is simple, fast and interpretable: a standard baseline.",
        ("gbm", "dbscan", "knn"),
    ),
    Scenario(
        "explain-segments",
        P,
        "hard",
        "完成分群後，主管要求用幾條簡單規則說明「各群的差異是什麼」。團隊想以群標籤為目標，訓練一個可讀的模型來描述各群。",
        "After clustering, management wants a few simple rules explaining how the groups differ. The team wants a readable model trained on the cluster labels to describe them.",
        "tree",
        "以群標籤訓練淺層決策樹，可得到描述各群差異的簡單規則。",
        "A shallow tree trained on cluster labels yields simple rules describing the groups.",
        ("kmeans", "gbm", "knn"),
    ),
]


def _knn_kmeans() -> list[ItemSpec]:
    rng = random.Random("aicert-demo:3.1-knn")
    specs: list[ItemSpec] = []
    for index in range(2):
        while True:
            neighbours = sorted(
                (round(rng.uniform(0.5, 6.0), 1), rng.choice(range(180, 420, 10))) for _ in range(6)
            )
            k = 3
            value = sum(v for _, v in neighbours[:k]) / k
            cands = [
                value,
                neighbours[0][1],
                sum(v for _, v in neighbours) / 6,
                sum(v for _, v in neighbours[-k:]) / k,
            ]
            if (
                len({f"{c:.0f}" for c in cands}) == 4
                and len({d for d, _ in neighbours}) == 6
                and round(value * 10) % 10 != 5
            ):
                break
        rows_zh = "；".join(f"距離 {d}、租金 {v} 百元" for d, v in neighbours)
        rows_en = "; ".join(f"distance {d}, rent NT${v * 100:,}" for d, v in neighbours)
        specs.append(
            computed(
                f"3.1-knn-{index + 1}",
                P,
                "3.1",
                "apply",
                "medium",
                (
                    f"以 k 最近鄰迴歸（k = 3，取平均）估計一間套房的月租。與它最相似的 6 筆已知資料為：{rows_zh}。估計的月租是多少百元？",
                    f"k-nearest-neighbour regression (k = 3, averaging) estimates a studio's monthly rent. The 6 most similar known flats are: {rows_en}. What is the estimate, in hundreds of NT dollars?",
                ),
                value,
                (
                    f"取距離最近的 3 筆：{', '.join(str(v) for _, v in neighbours[:3])}，平均 ≈ {value:.0f}。",
                    f"Take the 3 nearest: {', '.join(str(v) for _, v in neighbours[:3])}; their mean ≈ {value:.0f}.",
                ),
                [
                    Mistake(
                        neighbours[0][1],
                        "這是 k = 1（只看最近一筆）的結果。",
                        "That is k = 1, using only the nearest.",
                    ),
                    Mistake(
                        sum(v for _, v in neighbours) / 6,
                        "把 6 筆都平均了，k 應為 3。",
                        "All 6 were averaged; k is 3.",
                    ),
                    Mistake(
                        sum(v for _, v in neighbours[-k:]) / k,
                        "取了距離最遠的 3 筆。",
                        "The 3 farthest were taken.",
                    ),
                ],
                places=0,
            )
        )
    for index in range(2):
        while True:
            pts = [(rng.randint(1, 9), rng.randint(1, 9)) for _ in range(4)]
            cx = sum(p[0] for p in pts) / 4
            cy = sum(p[1] for p in pts) / 4
            cands = [
                cx,
                cy,
                sum(p[0] for p in pts[:3]) / 3,
                (min(p[0] for p in pts) + max(p[0] for p in pts)) / 2,
            ]
            if len({f"{c:.2f}" for c in cands}) == 4 and round(cx * 1000) % 10 != 5:
                break
        specs.append(
            computed(
                f"3.1-kmeans-{index + 1}",
                P,
                "3.1",
                "apply",
                "medium",
                (
                    f"k-means 的某一輪中，有 4 個點被分配到第 1 群：{pts}。更新後第 1 群中心的 x 座標是多少？（取小數點後兩位）",
                    f"In one k-means iteration, 4 points are assigned to cluster 1: {pts}. What is the x-coordinate of cluster 1's updated centre? (two decimal places)",
                ),
                cx,
                (
                    f"新中心是群內各點的平均：x = ({' + '.join(str(p[0]) for p in pts)}) ÷ 4 = {cx:.2f}。",
                    f"The new centre is the mean of the points: x = ({' + '.join(str(p[0]) for p in pts)}) ÷ 4 = {cx:.2f}.",
                ),
                [
                    Mistake(cy, "這是 y 座標的平均。", "That is the mean of the y-coordinates."),
                    Mistake(
                        sum(p[0] for p in pts[:3]) / 3, "漏了一個點。", "One point was left out."
                    ),
                    Mistake(
                        (min(p[0] for p in pts) + max(p[0] for p in pts)) / 2,
                        "這是最小值與最大值的中點，不是平均。",
                        "That is the midpoint of min and max, not the mean.",
                    ),
                ],
            )
        )
    return specs


def _sup_hand() -> list[ItemSpec]:
    D = "3.1"
    return [
        single(
            "3.1-gini",
            P,
            D,
            "understand",
            "medium",
            (
                "決策樹在選擇切分的特徵與門檻時，通常依據什麼？",
                "How does a decision tree usually choose the feature and threshold for a split?",
            ),
            [
                ok(
                    "選擇能讓切分後子節點「最純」（如吉尼不純度或熵下降最多）的切分",
                    "切分目標是讓子節點內的類別盡量一致。",
                    "The split that makes the child nodes purest (largest drop in Gini impurity or entropy)",
                    "The aim is children that are as homogeneous as possible.",
                ),
                no(
                    "隨機選一個特徵",
                    "單一決策樹是依純度挑選，不是隨機。",
                    "A random feature",
                    "A single tree chooses by purity, not at random.",
                ),
                no(
                    "選擇數值最大的特徵",
                    "與數值大小無關。",
                    "The feature with the largest values",
                    "Magnitude is irrelevant.",
                ),
                no(
                    "依特徵在資料表中的欄位順序",
                    "與欄位順序無關。",
                    "The order of columns in the table",
                    "Column order is irrelevant.",
                ),
            ],
        ),
        single(
            "3.1-rf-vs-gbm",
            P,
            D,
            "understand",
            "hard",
            (
                "關於隨機森林與梯度提升樹的差異，下列何者正確？",
                "Which statement about random forests versus gradient-boosted trees is correct?",
            ),
            [
                ok(
                    "隨機森林平行訓練多棵獨立的樹再平均（bagging）；梯度提升依序訓練，每棵樹修正前面的錯誤（boosting）",
                    "兩者都是樹的集成，但組合方式不同。",
                    "A random forest trains many independent trees in parallel and averages them (bagging); boosting trains trees in sequence, each correcting earlier errors",
                    "Both are tree ensembles but combine trees differently.",
                ),
                no(
                    "兩者都只使用一棵樹",
                    "兩者都是多棵樹的集成。",
                    "Both use a single tree",
                    "Both are ensembles of many trees.",
                ),
                no(
                    "梯度提升一定不會過擬合",
                    "梯度提升若迭代過多也會過擬合。",
                    "Gradient boosting cannot overfit",
                    "Too many rounds of boosting overfit.",
                ),
                no(
                    "隨機森林只能用於迴歸",
                    "隨機森林可用於分類與迴歸。",
                    "Random forests only do regression",
                    "They do classification and regression.",
                ),
            ],
        ),
        single(
            "3.1-choose-k",
            P,
            D,
            "apply",
            "medium",
            (
                "使用 k-means 分群時，不確定該分幾群。下列哪一種作法最合理？",
                "Using k-means, you are unsure how many clusters to use. What is most sensible?",
            ),
            [
                ok(
                    "比較不同 k 的群內平方和（手肘法）與輪廓係數，並結合業務上是否可解釋與可行動來決定",
                    "統計指標搭配業務意義才能選出實用的 k。",
                    "Compare within-cluster sums of squares (the elbow) and silhouette scores across k, together with whether the groups are explainable and actionable",
                    "Statistics plus business meaning give a usable k.",
                ),
                no(
                    "k 越大越好，因為群內平方和一定越小",
                    "k 等於樣本數時平方和為 0，但毫無意義。",
                    "The larger k the better, since the within-cluster sum keeps falling",
                    "At k = n the sum is 0 and meaningless.",
                ),
                no("固定使用 k = 2", "沒有依據。", "Always use k = 2", "No basis."),
                no(
                    "以分類準確率選 k",
                    "分群沒有標籤可計算準確率。",
                    "Choose k by classification accuracy",
                    "Clustering has no labels to score accuracy.",
                ),
            ],
        ),
        single(
            "3.1-logit-coef",
            P,
            D,
            "analyse",
            "hard",
            (
                "邏輯斯迴歸中，「是否曾逾期」（0/1）的係數為 0.69。在其他條件相同下，這代表什麼？",
                "In a logistic regression, the coefficient of 'ever late' (0/1) is 0.69. Other things equal, what does it mean?",
            ),
            [
                ok(
                    "曾逾期者違約的勝算（odds）約為未逾期者的 2 倍（e^0.69 ≈ 2）",
                    "邏輯斯迴歸的係數是對數勝算的變化，取指數即勝算比。",
                    "Those ever late have about twice the odds of default (e^0.69 ≈ 2)",
                    "Coefficients are changes in log-odds; exponentiating gives the odds ratio.",
                ),
                no(
                    "曾逾期者的違約機率增加 0.69 個百分點",
                    "係數不是機率的直接變化量。",
                    "Default probability rises by 0.69 percentage points",
                    "Coefficients are not direct changes in probability.",
                ),
                no(
                    "曾逾期者的違約機率是 69%",
                    "係數不是機率。",
                    "Default probability is 69% for those ever late",
                    "A coefficient is not a probability.",
                ),
                no(
                    "曾逾期與違約無關",
                    "正係數表示正向關聯。",
                    "Being late is unrelated to default",
                    "A positive coefficient means a positive association.",
                ),
            ],
        ),
        single(
            "3.1-naive-bayes",
            P,
            D,
            "understand",
            "medium",
            (
                "單純貝氏（naive Bayes）分類器中的「單純」，指的是哪一個假設？",
                "What assumption does the 'naive' in naive Bayes refer to?",
            ),
            [
                ok(
                    "在給定類別下，各特徵彼此條件獨立",
                    "這個簡化讓計算非常快，即使假設不完全成立也常有不錯效果。",
                    "Features are conditionally independent of each other given the class",
                    "The simplification makes it very fast and often works even when not strictly true.",
                ),
                no(
                    "所有類別出現的機率相同",
                    "先驗機率可以不同。",
                    "All classes are equally likely",
                    "Priors can differ.",
                ),
                no(
                    "資料沒有任何缺值",
                    "這不是其核心假設。",
                    "There are no missing values",
                    "Not its defining assumption.",
                ),
                no(
                    "特徵都服從均勻分布",
                    "可使用不同的分布假設。",
                    "Every feature is uniformly distributed",
                    "Various distributions can be assumed.",
                ),
            ],
        ),
        single(
            "3.1-svm",
            P,
            D,
            "understand",
            "hard",
            (
                "支援向量機（SVM）在二元分類中追求的是什麼？",
                "What does a support vector machine aim for in binary classification?",
            ),
            [
                ok(
                    "找出能把兩類分開、且與最近資料點之間間隔（margin）最大的決策邊界",
                    "最大間隔讓決策邊界較穩健；核函數可處理非線性。",
                    "A decision boundary that separates the classes with the widest margin to the nearest points",
                    "A maximum margin makes the boundary robust; kernels handle non-linearity.",
                ),
                no(
                    "讓每一群的資料點數量相同",
                    "那不是 SVM 的目標。",
                    "Equal numbers of points in each group",
                    "Not SVM's goal.",
                ),
                no(
                    "找出資料的主成分",
                    "那是 PCA。",
                    "The data's principal components",
                    "That is PCA.",
                ),
                no("把資料分成 k 群", "那是分群。", "k clusters", "That is clustering."),
            ],
        ),
        single(
            "3.1-linear-assumption",
            P,
            D,
            "analyse",
            "medium",
            (
                "線性迴歸的殘差圖呈現明顯的 U 字形。最可能的問題與改善方式是？",
                "A linear regression's residual plot shows a clear U shape. What is the likely problem and fix?",
            ),
            [
                ok(
                    "變數間存在非線性關係；可加入多項式項、轉換變數或改用非線性模型",
                    "殘差有系統性型態代表模型沒有捕捉到資料的結構。",
                    "A non-linear relationship; add polynomial terms, transform variables or use a non-linear model",
                    "A pattern in residuals means the model misses structure.",
                ),
                no(
                    "樣本數太多",
                    "樣本數不會造成 U 形殘差。",
                    "Too many samples",
                    "Sample size does not cause U-shaped residuals.",
                ),
                no(
                    "模型已經完美，無需調整",
                    "殘差應該隨機分布。",
                    "The model is perfect as is",
                    "Residuals should look random.",
                ),
                no(
                    "應刪除殘差最大的資料點直到圖形變平",
                    "刪資料掩蓋問題而非解決問題。",
                    "Delete the largest residuals until the plot flattens",
                    "Deleting data hides the problem.",
                ),
            ],
        ),
        single(
            "3.1-semi-anomaly",
            P,
            D,
            "evaluate",
            "hard",
            (
                "工廠只有正常產品的大量影像，幾乎沒有瑕疵樣本，卻要偵測未知類型的瑕疵。下列哪一種作法最合適？",
                "A factory has many images of good products and almost no defects, but must detect unknown kinds of defects. Which approach fits best?",
            ),
            [
                ok(
                    "以正常樣本訓練異常偵測模型（如自編碼器或單類模型），以偏離正常的程度判斷，並用少量真實瑕疵設定門檻",
                    "缺乏瑕疵標籤時，學習「正常」再找偏離是合理方法。",
                    "Train an anomaly detector on good samples (an autoencoder or one-class model), score deviation from normal, and set the threshold with the few real defects",
                    "Without defect labels, learning 'normal' and flagging deviations is the sensible route.",
                ),
                no(
                    "訓練一般的二元分類器，只用正常樣本",
                    "只有一類資料無法訓練二元分類器。",
                    "Train an ordinary binary classifier on the good samples only",
                    "A binary classifier cannot learn from one class.",
                ),
                no(
                    "用 k-means 分成 2 群，較小的一群就是瑕疵",
                    "群的大小不代表是否瑕疵。",
                    "Run k-means with 2 clusters and call the smaller one defective",
                    "Cluster size does not indicate defects.",
                ),
                no(
                    "等累積到上萬張瑕疵照片再開始",
                    "延誤太久，也可能永遠累積不到。",
                    "Wait until tens of thousands of defect photos accumulate",
                    "Too slow, and may never happen.",
                ),
            ],
        ),
        true_false(
            "3.1-tf-kmeans-scale",
            P,
            D,
            "understand",
            "medium",
            (
                "使用 k-means 前若不對特徵做尺度調整，數值範圍大的特徵（如年收入）會主導距離計算與分群結果。",
                "If features are not scaled before k-means, those with large ranges (such as annual income) dominate the distances and the clusters.",
            ),
            True,
            (
                "k-means 以歐氏距離計算，應先標準化讓各特徵的影響相近。",
                "k-means uses Euclidean distance, so standardise features first to balance their influence.",
            ),
        ),
        multi(
            "3.1-mr-unsupervised",
            P,
            D,
            "understand",
            "medium",
            (
                "下列哪些方法屬於非監督式學習？（選出所有正確者）",
                "Which of these are unsupervised learning methods? (Select all that apply.)",
            ),
            [
                ok("k-means", "不使用標籤的分群方法。", "k-means", "Clustering without labels."),
                ok(
                    "主成分分析（PCA）",
                    "不使用標籤的降維方法。",
                    "Principal component analysis",
                    "Dimensionality reduction without labels.",
                ),
                ok("DBSCAN", "以密度為基礎的分群方法。", "DBSCAN", "Density-based clustering."),
                no(
                    "邏輯斯迴歸",
                    "需要標籤的分類方法。",
                    "Logistic regression",
                    "A classifier needing labels.",
                ),
                no(
                    "梯度提升樹（用於預測違約）",
                    "需要違約標籤訓練。",
                    "Gradient-boosted trees predicting default",
                    "Trained on default labels.",
                ),
            ],
        ),
        matching(
            "3.1-match-algos",
            P,
            D,
            "understand",
            "medium",
            (
                "請將每種演算法對應到它最典型的特性。",
                "Match each algorithm to its most typical trait.",
            ),
            [
                (
                    ("決策樹", "Decision tree"),
                    ("產生可閱讀的判斷規則", "Produces readable decision rules"),
                ),
                (
                    ("k-means", "k-means"),
                    ("需預先指定群數", "Needs the number of groups set in advance"),
                ),
                (
                    ("k 最近鄰", "k-nearest neighbours"),
                    (
                        "預測時才計算與訓練資料的距離",
                        "Computes distances to training data at prediction time",
                    ),
                ),
                (
                    ("隨機森林", "Random forest"),
                    ("平均多棵獨立訓練的樹", "Averages many independently trained trees"),
                ),
            ],
            distractors=[("把文字轉成 token", "Turns text into tokens")],
        ),
    ]


# --- 3.2 ---------------------------------------------------------------------------------------
def confusion_item(
    ref: str, level: str, metric: str, tp: int, fp: int, fn: int, tn: int, context: tuple[str, str]
) -> ItemSpec:
    """A confusion-matrix calculation; distractors are the other metrics (the usual mix-ups)."""
    total = tp + fp + fn + tn
    values = {
        "precision": tp / (tp + fp),
        "recall": tp / (tp + fn),
        "accuracy": (tp + tn) / total,
        "specificity": tn / (tn + fp),
    }
    values["f1"] = (
        2 * values["precision"] * values["recall"] / (values["precision"] + values["recall"])
    )
    names = {
        "precision": (
            "精確率",
            "precision",
            f"TP ÷ (TP + FP) = {tp} ÷ {tp + fp}",
            f"TP ÷ (TP + FP) = {tp} ÷ {tp + fp}",
        ),
        "recall": (
            "召回率",
            "recall",
            f"TP ÷ (TP + FN) = {tp} ÷ {tp + fn}",
            f"TP ÷ (TP + FN) = {tp} ÷ {tp + fn}",
        ),
        "accuracy": (
            "準確率",
            "accuracy",
            f"(TP + TN) ÷ 全部 = {tp + tn} ÷ {total}",
            f"(TP + TN) ÷ total = {tp + tn} ÷ {total}",
        ),
        "specificity": (
            "特異度",
            "specificity",
            f"TN ÷ (TN + FP) = {tn} ÷ {tn + fp}",
            f"TN ÷ (TN + FP) = {tn} ÷ {tn + fp}",
        ),
        "f1": (
            "F1 分數",
            "F1 score",
            f"2 × P × R ÷ (P + R) = 2 × {values['precision']:.3f} × {values['recall']:.3f} ÷ ({values['precision']:.3f} + {values['recall']:.3f})",
            f"2 × P × R ÷ (P + R) = 2 × {values['precision']:.3f} × {values['recall']:.3f} ÷ ({values['precision']:.3f} + {values['recall']:.3f})",
        ),
    }
    zh, en, how_zh, how_en = names[metric]
    value = values[metric]
    mistakes = []
    order = {
        "f1": ["precision", "recall", "accuracy"],
        "precision": ["recall", "accuracy", "specificity"],
        "recall": ["precision", "specificity", "accuracy"],
        "accuracy": ["f1", "precision", "recall"],
        "specificity": ["recall", "precision", "accuracy"],
    }[metric]
    for other in order:
        ozh, oen, ohow_zh, ohow_en = names[other]
        mistakes.append(
            Mistake(
                values[other],
                f"這是{ozh}（{ohow_zh}），不是{zh}。",
                f"That is the {oen} ({ohow_en}), not the {en}.",
            )
        )
    if metric == "f1":
        mean = (values["precision"] + values["recall"]) / 2
        mistakes.append(
            Mistake(
                mean,
                "這是精確率與召回率的算術平均；F1 是調和平均。",
                "That is the arithmetic mean of precision and recall; F1 is the harmonic mean.",
            )
        )
        mistakes.insert(0, mistakes.pop())
    return computed(
        ref,
        level,
        "3.2",
        "apply",
        "medium" if level == P else "hard",
        (
            f"{context[0]}在測試資料上的混淆矩陣為：真陽性 TP = {tp}、偽陽性 FP = {fp}、偽陰性 FN = {fn}、真陰性 TN = {tn}。此模型的{zh}是多少？（取小數點後兩位）",
            f"{context[1]} has this confusion matrix on test data: TP = {tp}, FP = {fp}, FN = {fn}, TN = {tn}. What is its {en}? (two decimal places)",
        ),
        value,
        (f"{zh} = {how_zh} ≈ {value:.2f}。", f"{en[0].upper() + en[1:]} = {how_en} ≈ {value:.2f}."),
        mistakes,
    )


CONTEXTS = [
    ("某詐欺偵測模型", "A fraud-detection model"),
    ("某瑕疵檢測模型", "A defect-detection model"),
    ("某垃圾郵件過濾模型", "A spam filter"),
    ("某疾病篩檢模型", "A disease-screening model"),
    ("某客戶流失預警模型", "A churn-alert model"),
    ("某設備故障預警模型", "A machine-failure alert model"),
    ("某信用違約預測模型", "A credit-default model"),
    ("某洗錢交易偵測模型", "An anti-money-laundering model"),
    ("某履歷初篩模型", "A CV pre-screening model"),
    ("某保險理賠審查模型", "An insurance-claim review model"),
]


def _confusion_family() -> list[ItemSpec]:
    rng = random.Random("aicert-demo:3.2-confusion")
    plan = [
        ("f1", P),
        ("precision", P),
        ("recall", P),
        ("accuracy", P),
        ("specificity", P),
        ("f1", P),
        ("f1", E),
        ("recall", E),
        ("precision", E),
        ("f1", E),
    ]
    specs = []
    for index, ((metric, level), context) in enumerate(zip(plan, CONTEXTS, strict=True)):
        while True:
            tp, fp, fn = rng.randint(20, 120), rng.randint(5, 80), rng.randint(5, 80)
            tn = rng.randint(200, 900)
            try:
                spec = confusion_item(f"3.2-cm-{index + 1}", level, metric, tp, fp, fn, tn, context)
            except ValueError:
                continue
            vals = sorted(float(o["text"]) for o in spec.en["options"])
            if min(b - a for a, b in zip(vals, vals[1:], strict=False)) >= 0.02:
                specs.append(spec)
                break
    return specs


CLS_METRICS = {
    "recall": Category(
        "召回率",
        "Recall",
        "真正的陽性中被找出來的比例，適合漏掉代價高的情境",
        "the share of actual positives that are found, for when missing one is costly",
    ),
    "precision": Category(
        "精確率",
        "Precision",
        "被判為陽性的案件中真的是陽性的比例，適合誤報代價高的情境",
        "the share of flagged cases that are truly positive, for when false alarms are costly",
    ),
    "f1": Category(
        "F1 分數",
        "F1 score",
        "精確率與召回率的調和平均，兩者都重要時使用",
        "the harmonic mean of precision and recall, for when both matter",
    ),
    "pr-auc": Category(
        "PR 曲線下面積",
        "Area under the precision–recall curve",
        "在各種門檻下綜合評估精確率與召回率，適合極度不平衡且門檻未定的情況",
        "summarising precision and recall over all thresholds, suited to severe imbalance before a threshold is fixed",
    ),
    "accuracy": Category(
        "準確率",
        "Accuracy",
        "所有預測中正確的比例，適合類別平衡且兩種錯誤代價相近的情況",
        "the share of all predictions that are right, suited to balanced classes with similar error costs",
    ),
}
CLS_Q = ("最應優先關注哪一個評估指標？", "Which evaluation metric should come first?")
CLS_SCENARIOS = [
    Scenario(
        "cancer",
        P,
        "easy",
        "癌症初篩模型：被判陽性的人會再做精密檢查，漏掉真正的病人後果嚴重。",
        "A first-stage cancer screen: positives get a precise follow-up test, and missing a real patient is grave.",
        "recall",
        "漏診代價最高、誤報只多一次檢查，應優先追求召回率。",
        "Missing a case is costliest while a false alarm costs one more test: recall first.",
        ("precision", "accuracy", "f1"),
    ),
    Scenario(
        "spam-important",
        P,
        "easy",
        "垃圾郵件過濾：把重要客戶來信誤判為垃圾信並隱藏，代價遠高於漏掉幾封垃圾信。",
        "A spam filter: hiding an important customer email as spam costs far more than letting a few spam messages through.",
        "precision",
        "誤判（偽陽性）代價高，應優先確保被判為垃圾信的真的是垃圾信。",
        "False positives are costly: make sure what is flagged really is spam.",
        ("recall", "accuracy", "pr-auc"),
    ),
    Scenario(
        "balanced-digits",
        P,
        "easy",
        "手寫數字辨識，10 個類別數量相近，每種錯誤的代價差不多。",
        "Handwritten digit recognition: 10 classes of similar size and similar cost for every error.",
        "accuracy",
        "類別平衡且錯誤代價相近時，準確率是簡單合理的指標。",
        "With balanced classes and similar costs, accuracy is simple and sound.",
        ("recall", "precision", "pr-auc"),
    ),
    Scenario(
        "fraud-review",
        P,
        "medium",
        "詐欺交易偵測：被標記的交易由調查員人工審查，人力有限，漏掉詐欺也有損失，兩者都要兼顧。",
        "Fraud detection: flagged transactions go to investigators with limited capacity, and missed fraud also costs money; both matter.",
        "f1",
        "誤報耗用有限人力、漏報造成損失，需同時兼顧精確率與召回率。",
        "False alarms burn scarce investigators and misses lose money: balance precision and recall.",
        ("accuracy", "recall", "precision"),
    ),
    Scenario(
        "rare-compare",
        P,
        "hard",
        "比較兩個洗錢偵測模型，陽性只占 0.1%，而上線門檻要到之後才會依人力決定。",
        "Comparing two anti-money-laundering models where positives are 0.1% and the operating threshold will be set later by staffing.",
        "pr-auc",
        "極度不平衡且門檻未定，以 PR 曲線下面積比較整體表現最合適；ROC-AUC 在此會顯得過度樂觀。",
        "Severe imbalance and no threshold yet: compare on PR-AUC; ROC-AUC would look over-optimistic here.",
        ("accuracy", "f1", "precision"),
    ),
    Scenario(
        "ad-targeting",
        P,
        "medium",
        "寄送實體型錄給「可能購買」的客戶，每份型錄成本很高，預算只夠寄少量。",
        "Mailing costly printed catalogues to 'likely buyers', with budget for only a few.",
        "precision",
        "每次寄送都有高成本且數量有限，應確保寄出的對象真的會購買。",
        "Every mailing is expensive and limited, so those chosen should really buy.",
        ("recall", "accuracy", "f1"),
    ),
    Scenario(
        "safety-alert",
        E,
        "hard",
        "核電廠的異常預警：漏掉真正的異常可能造成重大事故，誤報則由值班人員確認排除。",
        "Anomaly alerts at a nuclear plant: missing a real anomaly could cause a major accident, while false alarms are checked by duty staff.",
        "recall",
        "漏報後果災難性，應優先確保召回率，再以人員處理誤報。",
        "A miss could be catastrophic: prioritise recall and let staff handle false alarms.",
        ("precision", "accuracy", "pr-auc"),
    ),
    Scenario(
        "auto-block",
        E,
        "hard",
        "系統會「自動」停權被判為機器人的帳號，沒有人工複核，誤停真實使用者會引發大量客訴與流失。",
        "A system automatically suspends accounts judged to be bots, with no human review; wrongly suspending real users triggers complaints and churn.",
        "precision",
        "自動執行且誤判代價高，應優先確保被判為機器人的都是真的機器人。",
        "Automatic action with costly mistakes: make sure those flagged really are bots.",
        ("recall", "f1", "accuracy"),
    ),
    Scenario(
        "imbalanced-accuracy",
        E,
        "medium",
        "客戶流失率只有 3%，主管看到模型「準確率 97%」很滿意，但模型其實把所有人都判為不會流失。",
        "Churn is only 3%; management is pleased by '97% accuracy', but the model predicts that nobody churns.",
        "recall",
        "模型一個流失者都沒找到；應看召回率等反映少數類的指標，而非準確率。",
        "The model finds no churners at all; look at recall and other minority-class metrics, not accuracy.",
        ("accuracy", "precision", "pr-auc"),
    ),
    Scenario(
        "model-selection-imb",
        E,
        "hard",
        "在 1:200 的極度不平衡資料上，要選出整體排序能力最好的模型，之後再依客服人力決定門檻。",
        "On data imbalanced 1:200, the model with the best overall ranking is to be chosen before a threshold is set by support staffing.",
        "pr-auc",
        "門檻未定且不平衡嚴重，PR-AUC 能綜合各門檻下對少數類的表現。",
        "No threshold yet and severe imbalance: PR-AUC summarises minority-class performance across thresholds.",
        ("f1", "accuracy", "recall"),
    ),
]

REG_METRICS = {
    "mae": Category(
        "平均絕對誤差（MAE）",
        "Mean absolute error (MAE)",
        "誤差絕對值的平均，單位與目標相同，對極端誤差不特別加重",
        "the average absolute error, in the target's units, with no extra weight on large errors",
    ),
    "rmse": Category(
        "均方根誤差（RMSE）",
        "Root mean squared error (RMSE)",
        "先平方再平均再開根號，會加重大誤差的懲罰",
        "square, average, then square-root, penalising large errors more",
    ),
    "mape": Category(
        "平均絕對百分比誤差（MAPE）",
        "Mean absolute percentage error (MAPE)",
        "以百分比表示的相對誤差，便於跨規模比較，但目標接近 0 時不穩定",
        "relative error in percent, comparable across scales but unstable near zero",
    ),
    "r2": Category(
        "決定係數（R²）",
        "Coefficient of determination (R²)",
        "模型解釋了目標變異的比例",
        "the share of the target's variance the model explains",
    ),
}
REG_Q = ("最適合使用哪一個迴歸評估指標？", "Which regression metric fits best?")
REG_SCENARIOS = [
    Scenario(
        "big-miss",
        P,
        "medium",
        "電力負載預測：偶爾一次的大誤差會造成停電，比許多小誤差嚴重得多。",
        "Power-load forecasting: an occasional large error can cause a blackout, far worse than many small errors.",
        "rmse",
        "RMSE 以平方加重大誤差，符合「大誤差特別嚴重」的情境。",
        "RMSE squares errors, weighting large ones more, as the situation demands.",
        ("mae", "mape", "r2"),
    ),
    Scenario(
        "many-skus",
        P,
        "medium",
        "同時評估數千個商品的需求預測，銷量從每天 5 件到 5,000 件不等，想用一個可跨商品比較的相對誤差。",
        "Evaluating demand forecasts for thousands of products selling from 5 to 5,000 a day, with one relative error comparable across products.",
        "mape",
        "不同規模的商品以百分比誤差比較較公平（需注意銷量為 0 的商品）。",
        "Percentage error compares products of different scales fairly (watch out for zero sales).",
        ("rmse", "mae", "r2"),
    ),
    Scenario(
        "delivery-minutes",
        P,
        "easy",
        "外送時間預測要向營運主管報告「平均會差幾分鐘」，且不希望少數極端延誤主導指標。",
        "Delivery-time predictions must be reported to operations as 'how many minutes off on average', without a few extreme delays dominating.",
        "mae",
        "MAE 單位是分鐘、容易理解，且不會被極端值過度放大。",
        "MAE is in minutes, easy to grasp, and not inflated by extremes.",
        ("rmse", "r2", "mape"),
    ),
    Scenario(
        "explained",
        E,
        "medium",
        "研究人員想說明：房價模型能解釋價格差異的多少比例。",
        "Researchers want to state what share of the variation in house prices the model explains.",
        "r2",
        "R² 正是模型解釋變異的比例。",
        "R² is precisely the share of variance explained.",
        ("mae", "rmse", "mape"),
    ),
    Scenario(
        "near-zero",
        E,
        "hard",
        "預測每小時的退貨件數，多數時段為 0 或 1 件，想選一個穩定的誤差指標。",
        "Forecasting hourly returns, mostly 0 or 1 per hour, and needing a stable error metric.",
        "mae",
        "目標常為 0 時 MAPE 會發散，MAE 簡單穩定。",
        "With many zeros MAPE blows up; MAE is simple and stable.",
        ("mape", "r2", "rmse"),
    ),
]

VALIDATION = {
    "kfold": Category(
        "k 折交叉驗證",
        "k-fold cross-validation",
        "把資料隨機分成 k 份輪流驗證，適合獨立同分布且量不大的資料",
        "splitting data at random into k parts that take turns as validation, for independent data of modest size",
    ),
    "stratified": Category(
        "分層 k 折交叉驗證",
        "Stratified k-fold cross-validation",
        "每一折都保持類別比例，適合類別不平衡的分類",
        "keeping class proportions in every fold, for imbalanced classification",
    ),
    "group": Category(
        "分組 k 折交叉驗證",
        "Group k-fold cross-validation",
        "同一群組（人、設備）的資料只會出現在同一折",
        "keeping all records of a group (person, device) in the same fold",
    ),
    "time": Category(
        "依時間順序的滾動驗證",
        "Rolling time-based validation",
        "永遠用過去訓練、用之後的時段驗證",
        "always training on the past and validating on a later period",
    ),
    "nested": Category(
        "巢狀交叉驗證",
        "Nested cross-validation",
        "內層調參、外層評估，避免調參造成的樂觀偏差",
        "tuning in an inner loop and evaluating in an outer one, avoiding optimism from tuning",
    ),
    "holdout": Category(
        "單一保留測試集",
        "A single hold-out test set",
        "資料量很大時，切出一份測試集即可穩定評估",
        "with plenty of data, one held-out test set gives a stable estimate",
    ),
}
VAL_Q = ("最適合採用哪一種驗證方式？", "Which validation approach fits best?")
VAL_SCENARIOS = [
    Scenario(
        "small-iid",
        P,
        "easy",
        "只有 600 筆彼此獨立的樣本、類別大致平衡，想穩定地估計模型表現。",
        "Only 600 independent samples with roughly balanced classes, and a stable performance estimate is needed.",
        "kfold",
        "資料少且獨立，k 折交叉驗證能充分利用資料並降低估計變異。",
        "Little, independent data: k-fold uses it fully and steadies the estimate.",
        ("holdout", "time", "group"),
    ),
    Scenario(
        "rare-class",
        P,
        "medium",
        "2,000 筆資料中只有 40 筆陽性，擔心某些折幾乎沒有陽性。",
        "Of 2,000 records only 40 are positive, and some folds might end up with almost none.",
        "stratified",
        "分層抽樣確保每一折都有相近的陽性比例。",
        "Stratification ensures each fold has a similar positive rate.",
        ("kfold", "holdout", "nested"),
    ),
    Scenario(
        "patients",
        P,
        "medium",
        "每位病人有多次回診紀錄，模型要用在新病人身上。",
        "Each patient has several visit records, and the model will be used on new patients.",
        "group",
        "以病人為群組切分，避免同一人同時出現在訓練與驗證。",
        "Grouping by patient keeps one person out of both sides.",
        ("stratified", "kfold", "time"),
    ),
    Scenario(
        "sales-forecast",
        P,
        "easy",
        "評估每週銷售預測模型，資料是連續 4 年的週資料。",
        "Evaluating a weekly sales forecast on four consecutive years of weekly data.",
        "time",
        "時間序列必須以過去預測未來，滾動驗證最符合實際使用方式。",
        "Time series must predict the future from the past; rolling validation mirrors real use.",
        ("kfold", "stratified", "group"),
    ),
    Scenario(
        "tune-and-report",
        E,
        "hard",
        "資料只有 800 筆，團隊要同時挑選超參數並回報一個不偏的效能估計。",
        "With only 800 records, the team must both choose hyperparameters and report an unbiased performance estimate.",
        "nested",
        "巢狀交叉驗證把調參與評估分開，避免用同一份驗證結果既調參又報告的樂觀偏差。",
        "Nested CV separates tuning from evaluation, avoiding the optimism of tuning and reporting on the same folds.",
        ("kfold", "holdout", "stratified"),
    ),
    Scenario(
        "huge-data",
        E,
        "medium",
        "有 5,000 萬筆獨立的點擊紀錄，每次訓練需要數小時。",
        "There are 50 million independent click records, and each training run takes hours.",
        "holdout",
        "資料極多時單一保留集已足夠穩定，且可大幅節省運算。",
        "With so much data a single hold-out set is stable enough and saves a lot of compute.",
        ("nested", "kfold", "group"),
    ),
    Scenario(
        "machines",
        E,
        "hard",
        "200 台機台各有數千筆感測紀錄，模型要部署到新購入的機台。",
        "200 machines each have thousands of sensor records, and the model will be deployed on newly bought machines.",
        "group",
        "以機台為群組切分，才能估計在未見過機台上的表現。",
        "Grouping by machine estimates performance on unseen machines.",
        ("time", "kfold", "holdout"),
    ),
    Scenario(
        "credit-vintage",
        E,
        "hard",
        "信用模型以 2019–2023 年的申請資料建立，將用於 2025 年的新申請，經濟環境隨時間改變。",
        "A credit model built on 2019–2023 applications will score 2025 applications, and the economy changes over time.",
        "time",
        "以時間外（out-of-time）驗證才能反映環境變化對表現的影響。",
        "Out-of-time validation shows how changing conditions affect performance.",
        ("stratified", "kfold", "nested"),
    ),
]


def _eval_hand() -> list[ItemSpec]:
    D = "3.2"
    return [
        single(
            "3.2-auc",
            P,
            D,
            "understand",
            "medium",
            (
                "ROC 曲線下面積（ROC-AUC）= 0.85 的直觀意義是什麼？",
                "What does ROC-AUC = 0.85 mean intuitively?",
            ),
            [
                ok(
                    "隨機挑一個陽性與一個陰性樣本，模型給陽性較高分數的機率約為 85%",
                    "AUC 衡量模型的排序能力，與門檻無關。",
                    "Pick one positive and one negative at random: the model scores the positive higher about 85% of the time",
                    "AUC measures ranking ability, independent of the threshold.",
                ),
                no(
                    "模型的準確率是 85%",
                    "AUC 不是準確率。",
                    "The model is 85% accurate",
                    "AUC is not accuracy.",
                ),
                no(
                    "85% 的陽性被找出來",
                    "那是召回率。",
                    "85% of positives are found",
                    "That is recall.",
                ),
                no(
                    "模型有 85% 的機率是正確的模型",
                    "這不是 AUC 的意義。",
                    "There is an 85% chance the model is correct",
                    "Not what AUC means.",
                ),
            ],
        ),
        single(
            "3.2-baseline",
            P,
            D,
            "evaluate",
            "medium",
            (
                "新模型預測每日訂單量的 MAE 為 42 件。要判斷這個結果好不好，最重要的比較對象是？",
                "A new model predicts daily orders with MAE 42. What is the most important comparison for judging whether that is good?",
            ),
            [
                ok(
                    "簡單基準的表現，例如「用上週同一天的訂單量」當預測",
                    "沒有基準就無法知道模型是否真的帶來改善。",
                    "A simple baseline's performance, such as 'same day last week'",
                    "Without a baseline you cannot tell whether the model adds anything.",
                ),
                no(
                    "模型的參數數量",
                    "參數多寡不能說明預測好不好。",
                    "The model's parameter count",
                    "Parameters say nothing about quality.",
                ),
                no(
                    "訓練所花的時間",
                    "與預測品質無關。",
                    "Training time",
                    "Unrelated to forecast quality.",
                ),
                no(
                    "其他公司在不同資料上的 MAE",
                    "資料不同，數字不可比較。",
                    "Other companies' MAE on other data",
                    "Different data make the numbers incomparable.",
                ),
            ],
        ),
        single(
            "3.2-calibration",
            P,
            D,
            "understand",
            "hard",
            (
                "模型說某批客戶「流失機率 30%」，實際上這批客戶的流失率只有 10%。這代表模型在哪方面有問題？",
                "A model says a group of customers has a '30% churn probability', but only 10% actually churn. What is wrong with the model?",
            ),
            [
                ok(
                    "機率校準不佳：預測的機率與實際發生的頻率不一致",
                    "排序能力可能仍好，但機率值不能直接當作真實機率使用，需校準。",
                    "Poor calibration: predicted probabilities do not match observed frequencies",
                    "Ranking may still be fine, but the probabilities cannot be taken at face value without calibration.",
                ),
                no(
                    "召回率太低",
                    "召回率是另一回事，與機率值是否準確不同。",
                    "Recall is too low",
                    "Recall is a different matter from probability accuracy.",
                ),
                no(
                    "模型一定過擬合",
                    "校準不佳有多種原因，不一定是過擬合。",
                    "The model must be overfitting",
                    "Miscalibration has many causes.",
                ),
                no(
                    "沒有問題，機率本來就不需準確",
                    "若用於決策或定價，機率準確很重要。",
                    "Nothing: probabilities need not be accurate",
                    "For decisions or pricing, accurate probabilities matter.",
                ),
            ],
        ),
        single(
            "3.2-learning-curve",
            P,
            D,
            "analyse",
            "hard",
            (
                "學習曲線顯示：隨著訓練資料增加，驗證誤差持續下降且尚未趨平，訓練與驗證誤差之間仍有明顯差距。最合理的下一步是？",
                "A learning curve shows validation error still falling as training data grows, not yet flat, with a clear gap between training and validation error. What is the sensible next step?",
            ),
            [
                ok(
                    "蒐集更多訓練資料，預期仍可改善表現",
                    "驗證誤差仍在下降代表更多資料有幫助；差距表示仍有變異問題。",
                    "Collect more training data; performance should keep improving",
                    "Falling validation error shows more data helps; the gap indicates variance.",
                ),
                no(
                    "改用更簡單的模型，因為已經欠擬合",
                    "差距明顯代表不是欠擬合。",
                    "Use a simpler model because it underfits",
                    "A clear gap means it is not underfitting.",
                ),
                no(
                    "停止蒐集資料，因為已經沒有幫助",
                    "曲線顯示資料仍有幫助。",
                    "Stop collecting data; it no longer helps",
                    "The curve shows data still helps.",
                ),
                no(
                    "用測試集取代驗證集",
                    "與學習曲線的結論無關。",
                    "Replace the validation set with the test set",
                    "Unrelated to the curve's message.",
                ),
            ],
        ),
        single(
            "3.2-offline-online",
            P,
            D,
            "evaluate",
            "medium",
            (
                "新推薦模型的離線指標（NDCG）比舊模型高 5%。在全面上線前，最可靠的驗證方式是？",
                "A new recommender beats the old one by 5% offline (NDCG). Before full roll-out, what is the most reliable validation?",
            ),
            [
                ok(
                    "以線上 A/B 測試比較點擊、轉換等業務指標",
                    "離線指標未必反映使用者實際行為，線上實驗最可靠。",
                    "An online A/B test comparing business metrics such as clicks and conversions",
                    "Offline metrics may not reflect real behaviour; online experiments are most reliable.",
                ),
                no(
                    "直接全面上線，離線提升 5% 已足夠",
                    "離線改善不保證線上改善。",
                    "Launch fully; 5% offline is enough",
                    "Offline gains do not guarantee online gains.",
                ),
                no(
                    "再跑一次離線評估確認",
                    "重複離線評估無法反映使用者反應。",
                    "Run the offline evaluation again",
                    "Repeating offline tests says nothing about users.",
                ),
                no(
                    "請工程師主觀判斷推薦結果",
                    "主觀判斷不可靠。",
                    "Have engineers judge the recommendations by eye",
                    "Subjective judgement is unreliable.",
                ),
            ],
        ),
        single(
            "3.2-test-reuse",
            P,
            D,
            "analyse",
            "medium",
            (
                "團隊在三個月內根據測試集的結果反覆調整了 50 次模型，最後回報測試集準確率 93%。這個數字的問題是？",
                "Over three months a team tweaked its model 50 times based on test-set results, then reported 93% test accuracy. What is wrong with the figure?",
            ),
            [
                ok(
                    "測試集被反覆用來做決策，已變成另一個驗證集，93% 可能高估實際表現",
                    "應另留一份從未使用的測試資料，或以新資料評估。",
                    "The test set was used for decisions so often that it became a validation set; 93% probably overstates real performance",
                    "Hold back untouched test data or evaluate on fresh data.",
                ),
                no(
                    "沒有問題，測試集本來就是用來調整模型的",
                    "測試集應只在最後使用。",
                    "No problem: the test set is for tuning",
                    "The test set is for the end only.",
                ),
                no(
                    "50 次調整太少",
                    "問題不在次數少，而在重複使用測試集。",
                    "50 tweaks are too few",
                    "The problem is reuse, not too few tweaks.",
                ),
                no(
                    "準確率應該改用百分比表示",
                    "表示方式不是問題。",
                    "Accuracy should be shown as a percentage",
                    "The format is not the issue.",
                ),
            ],
        ),
        single(
            "3.2-why-cv",
            P,
            D,
            "understand",
            "easy",
            (
                "相較於只切一次訓練集與驗證集，k 折交叉驗證的主要好處是什麼？",
                "Compared with a single train/validation split, what is the main benefit of k-fold cross-validation?",
            ),
            [
                ok(
                    "每筆資料都輪流當過驗證資料，估計較穩定，也能看出結果的變異",
                    "多次切分平均降低了單次切分的運氣成分。",
                    "Every record serves as validation once, giving a steadier estimate and showing its variability",
                    "Averaging several splits reduces the luck of a single split.",
                ),
                no(
                    "訓練速度比單次切分快 k 倍",
                    "需要訓練 k 次，反而更花時間。",
                    "Training is k times faster",
                    "It trains k times, so it takes longer.",
                ),
                no(
                    "可以不需要測試集",
                    "最終評估仍應使用未參與開發的資料。",
                    "A test set is no longer needed",
                    "Final evaluation still needs untouched data.",
                ),
                no(
                    "能自動修正資料洩漏",
                    "切分方式錯誤時交叉驗證同樣會洩漏。",
                    "It fixes data leakage automatically",
                    "A wrong split leaks under CV too.",
                ),
            ],
        ),
        single(
            "3.2-threshold",
            E,
            D,
            "evaluate",
            "hard",
            (
                "信用卡盜刷模型輸出 0–1 的分數。每次誤擋正常交易成本約 200 元，漏掉一筆盜刷平均損失 8,000 元。決定警示門檻最好的方式是？",
                "A card-fraud model outputs scores from 0 to 1. Blocking a genuine transaction costs about NT$200, and a missed fraud about NT$8,000 on average. How should the alert threshold be chosen?",
            ),
            [
                ok(
                    "在驗證資料上計算各門檻的總成本（誤擋數 × 200 + 漏掉數 × 8,000），選總成本最低者，並考慮人力等限制",
                    "以業務成本決定門檻，而不是預設 0.5。",
                    "Compute the total cost at each threshold on validation data (blocks × 200 + misses × 8,000), pick the lowest, and respect constraints such as staffing",
                    "Set the threshold by business cost, not a default of 0.5.",
                ),
                no(
                    "一律使用 0.5",
                    "0.5 未考慮兩種錯誤的成本差異。",
                    "Always use 0.5",
                    "0.5 ignores the difference in error costs.",
                ),
                no(
                    "選準確率最高的門檻",
                    "準確率把兩種錯誤視為等價。",
                    "Pick the threshold with the highest accuracy",
                    "Accuracy treats both errors alike.",
                ),
                no(
                    "在測試集上反覆調整直到結果最好",
                    "會造成測試集高估。",
                    "Tune it on the test set until results look best",
                    "That inflates the test estimate.",
                ),
            ],
        ),
        single(
            "3.2-compare-models",
            E,
            D,
            "evaluate",
            "hard",
            (
                "5 折交叉驗證中，模型 A 平均 AUC 0.812（標準差 0.015），模型 B 平均 0.806（標準差 0.018），A 比 B 複雜許多、推論成本高三倍。最恰當的結論是？",
                "In 5-fold CV, model A averages AUC 0.812 (sd 0.015) and model B 0.806 (sd 0.018); A is much more complex and three times costlier to serve. What is the most appropriate conclusion?",
            ),
            [
                ok(
                    "差距小於折間變異，兩者可能沒有實質差異；考量成本與可維護性，B 可能是較好的選擇",
                    "比較模型要同時看差異是否穩定與實務成本。",
                    "The gap is smaller than the fold-to-fold variation, so they may not truly differ; given cost and maintainability, B may be the better choice",
                    "Comparisons must weigh whether a gap is reliable and what it costs.",
                ),
                no(
                    "A 的 AUC 較高，一定要選 A",
                    "忽略了差異的不確定性與成本。",
                    "A scores higher, so A it must be",
                    "It ignores uncertainty and cost.",
                ),
                no(
                    "兩者都不能用，因為 AUC 不到 0.9",
                    "是否可用取決於業務需求，不是固定門檻。",
                    "Neither is usable because AUC is below 0.9",
                    "Usability depends on the business, not a fixed bar.",
                ),
                no(
                    "應該把兩個模型的 AUC 相加",
                    "沒有意義。",
                    "Add the two AUCs together",
                    "Meaningless.",
                ),
            ],
        ),
        single(
            "3.2-slice",
            E,
            D,
            "analyse",
            "hard",
            (
                "語音辨識模型整體字錯誤率 6%，但分析顯示對 65 歲以上使用者為 19%、對台語口音為 23%。最重要的意涵是？",
                "A speech model's overall word error rate is 6%, but 19% for users over 65 and 23% for Taiwanese-accented speech. What matters most?",
            ),
            [
                ok(
                    "整體指標掩蓋了特定族群的表現不佳；應以分群評估設定各族群的門檻，並補充這些族群的資料",
                    "分群（slice）評估是發現公平性與穩健性問題的關鍵。",
                    "The overall figure hides poor performance for specific groups; set per-group targets through sliced evaluation and add data for them",
                    "Sliced evaluation is key to finding fairness and robustness problems.",
                ),
                no(
                    "整體 6% 很好，不需處理",
                    "忽略了受影響的使用者。",
                    "6% overall is good; nothing to do",
                    "It ignores the users affected.",
                ),
                no(
                    "把這些使用者排除在評估之外",
                    "排除不會讓問題消失。",
                    "Exclude these users from evaluation",
                    "Excluding them does not make the problem go away.",
                ),
                no(
                    "只要提高模型大小就能解決",
                    "缺乏代表性資料時，模型變大未必改善。",
                    "A bigger model will fix it",
                    "Without representative data a bigger model may not help.",
                ),
            ],
        ),
        single(
            "3.2-llm-eval",
            E,
            D,
            "evaluate",
            "hard",
            (
                "要評估一個回答客戶問題的大型語言模型應用，下列哪一種評估設計最完整？",
                "Evaluating an LLM application that answers customer questions, which evaluation design is most complete?",
            ),
            [
                ok(
                    "以代表性題目集搭配標準答案，結合自動指標、經人工校準的 LLM 評分與人工抽查，並分別評估正確性、忠實度、語氣與安全性",
                    "生成式輸出沒有單一正解，需要多面向、經校準的評估。",
                    "A representative question set with reference answers, combining automatic metrics, LLM-as-judge calibrated against humans, and human spot checks, scoring correctness, faithfulness, tone and safety separately",
                    "Generative output has no single right answer; it needs multi-faceted, calibrated evaluation.",
                ),
                no(
                    "只看回答與標準答案的字詞重疊率",
                    "字詞重疊無法反映語意正確與安全性。",
                    "Only word overlap with reference answers",
                    "Overlap misses meaning and safety.",
                ),
                no(
                    "只請模型自己評分",
                    "未經校準的自評可能有偏差。",
                    "Only the model grading itself",
                    "Uncalibrated self-grading can be biased.",
                ),
                no(
                    "只測 5 個工程師想到的問題",
                    "樣本太少且不具代表性。",
                    "Only five questions the engineers thought of",
                    "Too few and unrepresentative.",
                ),
            ],
        ),
        true_false(
            "3.2-tf-accuracy-imbalance",
            P,
            D,
            "understand",
            "easy",
            (
                "在陽性只占 1% 的資料上，準確率 99% 代表模型一定很好。",
                "On data where positives are 1%, 99% accuracy means the model must be good.",
            ),
            False,
            (
                "全部預測為陰性就有 99% 準確率，卻一個陽性都沒找到；應看召回率、精確率或 PR-AUC。",
                "Predicting everything negative scores 99% while finding no positives; look at recall, precision or PR-AUC.",
            ),
        ),
        true_false(
            "3.2-tf-cv-variance",
            E,
            D,
            "evaluate",
            "medium",
            (
                "回報交叉驗證結果時，除了平均值，也應回報各折之間的變異（如標準差），才能判斷模型差異是否可靠。",
                "When reporting cross-validation, the spread across folds (e.g. the standard deviation) should be reported as well as the mean, to judge whether differences between models are reliable.",
            ),
            True,
            (
                "只看平均值會忽略不確定性；差異小於變異時，模型之間可能沒有實質差別。",
                "Means alone hide uncertainty; a gap smaller than the spread may not be real.",
            ),
        ),
        multi(
            "3.2-mr-leak-signs",
            P,
            D,
            "analyse",
            "medium",
            (
                "下列哪些情況可能表示模型的評估結果過於樂觀？（選出所有正確者）",
                "Which of these may mean a model's evaluation is over-optimistic? (Select all that apply.)",
            ),
            [
                ok(
                    "測試集被用來反覆調整模型",
                    "測試集已不再是未見過的資料。",
                    "The test set was used to tune the model repeatedly",
                    "It is no longer unseen data.",
                ),
                ok(
                    "時間序列資料使用隨機切分",
                    "模型可以看到未來。",
                    "A time series was split at random",
                    "The model can see the future.",
                ),
                ok(
                    "同一位客戶的資料同時出現在訓練與測試",
                    "群組洩漏。",
                    "The same customer appears in training and test",
                    "Group leakage.",
                ),
                no(
                    "使用分層抽樣切分",
                    "分層抽樣是合理作法。",
                    "A stratified split was used",
                    "That is sound practice.",
                ),
                no(
                    "測試集從未在開發過程中使用",
                    "這正是正確的作法。",
                    "The test set was never touched during development",
                    "That is exactly right.",
                ),
            ],
        ),
        matching(
            "3.2-match-metrics",
            P,
            D,
            "remember",
            "medium",
            ("請將每個指標對應到它的計算方式。", "Match each metric to how it is computed."),
            [
                (("精確率", "Precision"), ("TP ÷ (TP + FP)", "TP ÷ (TP + FP)")),
                (("召回率", "Recall"), ("TP ÷ (TP + FN)", "TP ÷ (TP + FN)")),
                (("特異度", "Specificity"), ("TN ÷ (TN + FP)", "TN ÷ (TN + FP)")),
                (("準確率", "Accuracy"), ("(TP + TN) ÷ 全部", "(TP + TN) ÷ all")),
            ],
            distractors=[("FP ÷ (FP + TP)", "FP ÷ (FP + TP)")],
        ),
        numeric(
            "3.2-num-accuracy",
            P,
            D,
            "apply",
            "easy",
            (
                "模型在 500 筆測試資料中有 TP = 60、TN = 380、FP = 40、FN = 20。準確率是多少？（以小數表示，例如 0.75）",
                "On 500 test records a model has TP = 60, TN = 380, FP = 40, FN = 20. What is its accuracy? (as a decimal, e.g. 0.75)",
            ),
            0.88,
            0.005,
            feedback=("(60 + 380) ÷ 500 = 0.88。", "(60 + 380) ÷ 500 = 0.88."),
        ),
        numeric(
            "3.2-num-f1",
            E,
            D,
            "apply",
            "hard",
            (
                "某模型的精確率為 0.60、召回率為 0.90。F1 分數是多少？（取小數點後兩位）",
                "A model has precision 0.60 and recall 0.90. What is its F1 score? (two decimal places)",
            ),
            0.72,
            0.005,
            feedback=(
                "F1 = 2 × 0.60 × 0.90 ÷ (0.60 + 0.90) = 1.08 ÷ 1.5 = 0.72。",
                "F1 = 2 × 0.60 × 0.90 ÷ (0.60 + 0.90) = 1.08 ÷ 1.5 = 0.72.",
            ),
        ),
        constructed(
            "3.2-cr-eval-plan",
            E,
            D,
            "create",
            "hard",
            (
                "銀行要上線一個新的房貸違約預測模型，取代現行的評分卡。請設計評估計畫：資料切分方式、主要與次要指標、與現行評分卡的比較方法、分群評估，以及上線後如何確認效果。",
                "A bank will replace its mortgage scorecard with a new default-prediction model. Design the evaluation plan: data split, primary and secondary metrics, comparison with the current scorecard, sliced evaluation, and how effect is confirmed after launch.",
            ),
            [
                (
                    ("切分方式", "Data split"),
                    [
                        (0, ("未說明或使用隨機切分。", "None, or a random split.")),
                        (1, ("提到時間切分但不完整。", "Mentions a time split, incompletely.")),
                        (
                            2,
                            (
                                "以時間外（out-of-time）資料驗證，並考慮違約標籤的成熟期。",
                                "Out-of-time validation, accounting for how long default labels take to mature.",
                            ),
                        ),
                    ],
                ),
                (
                    ("指標與比較", "Metrics and comparison"),
                    [
                        (0, ("只用準確率。", "Accuracy only.")),
                        (
                            1,
                            (
                                "有合適指標但沒有與現行方案比較。",
                                "Suitable metrics but no comparison with the current scorecard.",
                            ),
                        ),
                        (
                            2,
                            (
                                "以 AUC／KS 等排序指標與校準、業務成本為主次指標，並在相同資料上與現行評分卡比較。",
                                "Ranking metrics (AUC/KS), calibration and business cost as primary and secondary, compared with the scorecard on the same data.",
                            ),
                        ),
                    ],
                ),
                (
                    ("分群與上線驗證", "Slices and post-launch"),
                    [
                        (0, ("未提及。", "Not addressed.")),
                        (1, ("提到其中一項。", "One of the two.")),
                        (
                            2,
                            (
                                "依產品、區域、族群分群評估，並以冠軍／挑戰者或分批上線監測實際違約。",
                                "Slices by product, region and group, plus champion/challenger or staged roll-out monitoring actual defaults.",
                            ),
                        ),
                    ],
                ),
            ],
        ),
    ]


def items() -> list[ItemSpec]:
    return [
        *classify("3.1-task", "3.1", TASKS, TASK_Q, TASK_SCENARIOS, cognitive="understand"),
        *classify("3.1-algo", "3.1", ALGORITHMS, ALGO_Q, ALGO_SCENARIOS, cognitive="apply"),
        *_knn_kmeans(),
        *_sup_hand(),
        *_confusion_family(),
        *classify("3.2-clsmetric", "3.2", CLS_METRICS, CLS_Q, CLS_SCENARIOS, cognitive="evaluate"),
        *classify("3.2-regmetric", "3.2", REG_METRICS, REG_Q, REG_SCENARIOS, cognitive="evaluate"),
        *classify("3.2-validation", "3.2", VALIDATION, VAL_Q, VAL_SCENARIOS, cognitive="apply"),
        *_eval_hand(),
    ]
