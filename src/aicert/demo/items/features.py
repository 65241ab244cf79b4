"""2.2 Data preparation and feature engineering: leakage, encoding, imputation, scaling."""

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
    ordering,
    short_text,
    single,
    true_false,
)

D = "2.2"
A, P = "associate", "professional"

LEAKS = {
    "target": Category(
        "目標洩漏",
        "Target leakage",
        "特徵由標籤衍生，或只有在結果發生之後才會存在",
        "a feature is derived from the label or only exists after the outcome has happened",
    ),
    "preprocessing": Category(
        "前處理洩漏（切分前用了全部資料）",
        "Preprocessing leakage (using all data before the split)",
        "在切分訓練與測試之前，就用包含測試資料的全部資料計算統計量、挑選特徵或過採樣",
        "computing statistics, selecting features or oversampling on all data, test rows included, before splitting",
    ),
    "temporal": Category(
        "時間洩漏",
        "Temporal leakage",
        "訓練或特徵用到預測時點之後的資訊，例如時間序列隨機切分",
        "training or features use information from after the prediction time, such as random splits of a time series",
    ),
    "group": Category(
        "群組洩漏",
        "Group leakage",
        "同一個實體（人、設備、說話者）的資料同時出現在訓練與測試",
        "records of the same entity (person, device, speaker) appear in both training and test",
    ),
    "none": Category(
        "沒有明顯的資料洩漏",
        "No evident leakage",
        "切分方式與前處理都只使用預測時點可得、且屬於訓練集的資訊",
        "the split and preprocessing use only information available at prediction time and belonging to the training set",
    ),
}
LEAK_Q = ("這個流程最主要的問題是什麼？", "What is the main problem with this pipeline?")
LEAK_SCENARIOS = [
    Scenario(
        "insulin",
        A,
        "easy",
        "預測病人是否罹患糖尿病的模型，特徵中包含「目前是否使用胰島素」。",
        "A model predicting whether a patient has diabetes includes the feature 'currently on insulin'.",
        "target",
        "使用胰島素幾乎等於已確診，是結果發生後才有的資訊，屬目標洩漏。",
        "Being on insulin essentially means a diagnosis already exists: target leakage.",
        ("temporal", "preprocessing", "none"),
    ),
    Scenario(
        "scale-all",
        A,
        "medium",
        "工程師先用全部資料的平均值與標準差做標準化，之後才切分訓練集與測試集。",
        "An engineer standardises with the mean and standard deviation of all the data, then splits into training and test sets.",
        "preprocessing",
        "測試資料的統計量被用在訓練流程中，屬前處理洩漏；應只在訓練集上計算。",
        "Test-set statistics leak into training: preprocessing leakage. Fit on the training set only.",
        ("target", "group", "none"),
    ),
    Scenario(
        "retention-offer",
        P,
        "medium",
        "流失預測模型的特徵包含「是否收到挽留優惠」，而挽留優惠只會寄給已經提出解約申請的客戶。",
        "A churn model uses 'received a retention offer', but offers go only to customers who have already asked to cancel.",
        "target",
        "挽留優惠是客戶已決定離開後才發生，等同洩漏了答案。",
        "The offer follows the decision to leave, so it leaks the answer.",
        ("temporal", "group", "preprocessing"),
    ),
    Scenario(
        "select-then-cv",
        P,
        "hard",
        "先在全部資料上挑出與標籤相關性最高的 50 個特徵，再對這 50 個特徵做 5 折交叉驗證。",
        "The 50 features most correlated with the label are picked on all the data, then 5-fold cross-validation is run on them.",
        "preprocessing",
        "特徵選擇已看過驗證折的標籤，交叉驗證分數會被高估；選擇必須在每一折的訓練資料內進行。",
        "Feature selection saw the validation folds' labels, inflating the CV score; selection must happen inside each training fold.",
        ("target", "group", "none"),
    ),
    Scenario(
        "smote-first",
        P,
        "medium",
        "為處理類別不平衡，先對全部資料做 SMOTE 過採樣，再切成訓練集與測試集。",
        "To handle imbalance, SMOTE oversampling is applied to all the data, which is then split into training and test sets.",
        "preprocessing",
        "合成樣本由測試資料的鄰居產生並混入兩邊，會高估表現；過採樣只應在訓練集進行。",
        "Synthetic samples built from test neighbours land on both sides, inflating results; oversample the training set only.",
        ("group", "target", "none"),
    ),
    Scenario(
        "random-daily",
        P,
        "medium",
        "以三年的每日銷售資料訓練需求預測模型，並隨機抽 20% 的日子作為測試集。",
        "A demand forecast is trained on three years of daily sales, with a random 20% of days held out for testing.",
        "temporal",
        "隨機切分讓模型可以用未來的日子預測過去，測試結果過於樂觀；應以時間先後切分。",
        "A random split lets the model use future days to predict past ones, flattering the test; split by time.",
        ("preprocessing", "group", "none"),
    ),
    Scenario(
        "speakers",
        P,
        "hard",
        "說話者驗證系統要辨識「從未見過的新使用者」，但訓練集與測試集是隨機切分語音片段，同一位說話者的片段兩邊都有。",
        "A speaker-verification system must work for new, unseen users, but utterances were split at random so each speaker appears in both sets.",
        "group",
        "同一說話者橫跨兩邊，測試無法反映對新使用者的表現；應以說話者為單位切分。",
        "Speakers span both sets, so the test says nothing about new users; split by speaker.",
        ("temporal", "preprocessing", "target"),
    ),
    Scenario(
        "ticket-resolution",
        P,
        "medium",
        "以客服工單文字預測「問題類別」，但工單文字在結案後會自動附上處理人員填寫的「解決代碼」。",
        "Ticket text is used to predict the issue category, but once a ticket closes the agent's resolution code is appended to its text.",
        "target",
        "解決代碼是結案後才加入且與類別高度相關，等同答案混入輸入，屬目標洩漏。",
        "The resolution code arrives after closing and mirrors the category: target leakage.",
        ("temporal", "group", "preprocessing"),
    ),
    Scenario(
        "store-mean",
        P,
        "hard",
        "在切分前，以全部資料計算每家門市的平均營收作為特徵（目標編碼），再切分並評估營收預測模型。",
        "Before splitting, each store's average revenue over all the data is computed as a feature (target encoding), then the revenue model is split and evaluated.",
        "preprocessing",
        "目標編碼用到了測試資料的標籤；應只用訓練資料（並以交叉擬合）計算。",
        "The encoding used the test rows' labels; compute it on training data only, with cross-fitting.",
        ("target", "temporal", "none"),
    ),
    Scenario(
        "clean-pipeline",
        P,
        "medium",
        "以時間切分：2022–2023 年訓練、2024 年測試；缺值填補與標準化都包在管線中，只在訓練資料上擬合。",
        "A time split is used—2022–23 for training, 2024 for testing—and imputation and scaling sit in a pipeline fitted on the training data only.",
        "none",
        "切分符合時間順序，前處理只在訓練資料擬合，沒有明顯洩漏。",
        "The split follows time and preprocessing is fitted on training data only: no evident leakage.",
        ("preprocessing", "temporal", "group"),
    ),
    Scenario(
        "extract-date",
        P,
        "hard",
        "為歷史訓練資料計算「距上次購買天數」時，以資料擷取的當天（而非每筆的預測時點）作為基準日。",
        "For historical training rows, 'days since last purchase' is computed from the extraction date rather than each row's prediction date.",
        "temporal",
        "以擷取日計算會把預測時點之後的購買也算進來，特徵用到了未來資訊；應以每筆的時點重建特徵（point-in-time）。",
        "Using the extraction date counts purchases after each prediction point: future information. Rebuild features point-in-time.",
        ("target", "preprocessing", "none"),
    ),
    Scenario(
        "listings",
        P,
        "medium",
        "二手商品價格模型隨機切分資料，但賣家常把同一件商品重複刊登多次，幾乎相同的刊登同時出現在訓練與測試。",
        "A second-hand price model splits listings at random, but sellers often repost the same item, so near-identical listings appear in both sets.",
        "group",
        "同一件商品的重複刊登橫跨兩邊，模型等於看過答案；應先去重或以商品分組切分。",
        "Reposts of one item straddle the split, so the model has seen the answer; de-duplicate or split by item.",
        ("target", "temporal", "none"),
    ),
    Scenario(
        "groupkfold",
        P,
        "hard",
        "病人層級的模型使用以病人為單位的分組交叉驗證，標準化與特徵選擇都在每一折的訓練資料內完成。",
        "A patient-level model uses group cross-validation by patient, with scaling and feature selection done inside each training fold.",
        "none",
        "以病人分組且前處理都在折內完成，沒有明顯洩漏。",
        "Grouping by patient with in-fold preprocessing shows no evident leakage.",
        ("group", "preprocessing", "target"),
    ),
]

ENCODINGS = {
    "onehot": Category(
        "獨熱編碼（one-hot）",
        "One-hot encoding",
        "每個類別值一個 0/1 欄位，適合類別數不多且沒有順序的變數",
        "one 0/1 column per category, suited to a few unordered categories",
    ),
    "ordinal": Category(
        "序數編碼",
        "Ordinal encoding",
        "依類別的自然順序對應整數",
        "mapping categories to integers in their natural order",
    ),
    "target-cv": Category(
        "以交叉擬合做目標編碼",
        "Target encoding with cross-fitting",
        "以各類別的目標平均值（加平滑、以交叉擬合計算）取代類別",
        "replacing each category with its smoothed target mean, computed with cross-fitting",
    ),
    "hashing": Category(
        "特徵雜湊或嵌入",
        "Feature hashing or embeddings",
        "把極多且持續新增的類別值映射到固定維度",
        "mapping a huge, ever-growing set of values into a fixed number of dimensions",
    ),
    "cyclical": Category(
        "週期編碼（sin／cos）",
        "Cyclical encoding (sin/cos)",
        "把具週期性的數值轉成正弦與餘弦兩個欄位，讓頭尾相鄰",
        "turning a periodic value into sine and cosine columns so the ends meet",
    ),
}
ENC_Q = (
    "把這個欄位轉成模型可用的特徵，最合適的編碼方式是？",
    "Which encoding best turns this field into a model feature?",
)
ENC_SCENARIOS = [
    Scenario(
        "payment",
        A,
        "easy",
        "「付款方式」有信用卡、轉帳、超商代碼、貨到付款、行動支付 5 種，彼此沒有順序。",
        "'Payment method' has 5 unordered values: card, bank transfer, convenience-store code, cash on delivery, mobile wallet.",
        "onehot",
        "類別少且無順序，獨熱編碼不會引入不存在的大小關係。",
        "Few unordered categories: one-hot adds no false ordering.",
        ("ordinal", "hashing", "target-cv"),
    ),
    Scenario(
        "education",
        A,
        "easy",
        "「最高學歷」為國中、高中、大學、碩士、博士。",
        "'Highest education' is junior high, senior high, bachelor's, master's, doctorate.",
        "ordinal",
        "類別具有自然順序，以序數編碼保留順序資訊。",
        "The categories have a natural order, which ordinal encoding keeps.",
        ("onehot", "hashing", "cyclical"),
    ),
    Scenario(
        "hour",
        A,
        "medium",
        "預測交通流量時使用「幾點鐘」（0–23）作為特徵，而 23 點與 0 點其實很接近。",
        "Predicting traffic uses 'hour of day' (0–23), where 23:00 and 00:00 are actually close.",
        "cyclical",
        "以 sin/cos 編碼讓 23 與 0 在特徵空間中相鄰，反映週期性。",
        "Sin/cos encoding puts 23 and 0 next to each other, reflecting the cycle.",
        ("ordinal", "onehot", "hashing"),
    ),
    Scenario(
        "zip",
        P,
        "hard",
        "線性模型要用到「郵遞區號」（約 3,000 個值），且不同區號的違約率差異很大。",
        "A linear model needs 'postcode' (about 3,000 values), and default rates differ greatly by postcode.",
        "target-cv",
        "高基數且與目標強相關，以平滑的目標編碼（交叉擬合避免洩漏）可濃縮資訊。",
        "High cardinality with strong target relation suits smoothed target encoding, cross-fitted to avoid leakage.",
        ("onehot", "ordinal", "cyclical"),
    ),
    Scenario(
        "urls",
        P,
        "hard",
        "點擊預測模型使用「來源網址」，每天都會出現數萬個從未見過的新網址。",
        "A click-prediction model uses the referring URL, with tens of thousands of never-seen URLs every day.",
        "hashing",
        "類別極多且不斷新增，特徵雜湊（或學習嵌入）能以固定維度處理新值。",
        "A vast, growing set of values suits hashing (or learned embeddings) with fixed dimensions.",
        ("onehot", "target-cv", "ordinal"),
    ),
    Scenario(
        "category-12",
        P,
        "easy",
        "邏輯斯迴歸要使用「商品大類」，共 12 種、沒有順序。",
        "A logistic regression uses 'product category': 12 unordered values.",
        "onehot",
        "類別數適中且無順序，獨熱編碼最直接。",
        "A moderate number of unordered values: one-hot is simplest.",
        ("ordinal", "cyclical", "hashing"),
    ),
    Scenario(
        "satisfaction",
        P,
        "medium",
        "問卷的「滿意度」為非常不滿意、不滿意、普通、滿意、非常滿意。",
        "A survey's 'satisfaction' is very dissatisfied, dissatisfied, neutral, satisfied, very satisfied.",
        "ordinal",
        "李克特量表有明確順序，序數編碼保留這個資訊。",
        "A Likert scale has a clear order that ordinal encoding keeps.",
        ("onehot", "target-cv", "cyclical"),
    ),
    Scenario(
        "month",
        P,
        "medium",
        "線性模型要捕捉用電量的季節性，使用「月份」（1–12）作為特徵，12 月與 1 月的用電型態相近。",
        "A linear model must capture seasonality in power use from 'month' (1–12); December and January behave alike.",
        "cyclical",
        "月份是週期變數，sin/cos 編碼讓 12 月與 1 月相鄰。",
        "Month is periodic; sin/cos encoding makes December and January neighbours.",
        ("ordinal", "onehot", "target-cv"),
    ),
    Scenario(
        "merchant",
        P,
        "hard",
        "深度學習詐欺模型要使用「商店代號」，有 5 萬個值且每天都有新商店加入。",
        "A deep-learning fraud model uses 'merchant ID', with 50,000 values and new merchants every day.",
        "hashing",
        "極高基數且持續新增，以嵌入或雜湊處理，並為新值保留未知桶。",
        "Very high and growing cardinality: embeddings or hashing, with a bucket for unseen values.",
        ("onehot", "ordinal", "cyclical"),
    ),
]

IMPUTE = {
    "drop": Category(
        "刪除缺值的資料列",
        "Dropping the rows with missing values",
        "缺值極少且隨機發生時，刪除對結果影響很小",
        "when missing values are very few and random, dropping them barely affects results",
    ),
    "median": Category(
        "以中位數填補",
        "Median imputation",
        "以訓練資料的中位數取代數值缺值，對偏態分布較穩健",
        "replacing numeric gaps with the training median, robust to skewed distributions",
    ),
    "indicator": Category(
        "填補並加上「是否缺值」指標欄位",
        "Imputing and adding a 'was missing' indicator",
        "缺值本身帶有資訊時，讓模型知道哪些值原本是缺的",
        "when missingness itself carries information, letting the model know which values were missing",
    ),
    "ffill": Category(
        "以前一時間點的值填補",
        "Forward filling from the previous time point",
        "時間序列中短暫的缺值，以最近一次的觀測值延續",
        "carrying the last observation forward across short gaps in a time series",
    ),
    "unknown": Category(
        "把缺值當作「未知」類別",
        "Treating missing as an 'unknown' category",
        "類別欄位的缺值另立一類，不硬塞到既有類別",
        "giving categorical gaps their own category instead of forcing them into an existing one",
    ),
    "model": Category(
        "以其他欄位建模推估",
        "Model-based imputation from other fields",
        "利用與該欄位高度相關的其他欄位（如 KNN、迭代填補）推估缺值",
        "estimating gaps from strongly related fields (KNN, iterative imputation)",
    ),
}
IMPUTE_Q = (
    "對這種缺值，最合適的處理方式是？",
    "What is the most suitable treatment for these missing values?",
)
IMPUTE_SCENARIOS = [
    Scenario(
        "tiny-random",
        A,
        "easy",
        "100 萬筆交易中只有 0.2% 的「金額」因系統錯誤隨機遺失。",
        "Only 0.2% of 1 million transactions lost their amount, at random, through a system error.",
        "drop",
        "缺值極少且隨機，刪除幾乎不影響結果，最簡單。",
        "Very few and random gaps: dropping barely matters and is simplest.",
        ("model", "indicator", "median"),
    ),
    Scenario(
        "skewed-income",
        A,
        "medium",
        "「月收入」分布嚴重右偏，約 4% 隨機缺值。",
        "'Monthly income' is heavily right-skewed, with about 4% missing at random.",
        "median",
        "偏態分布下中位數比平均數穩健，缺值比例不高。",
        "With skew, the median is more robust than the mean, and the gap is small.",
        ("drop", "ffill", "unknown"),
    ),
    Scenario(
        "no-history",
        P,
        "hard",
        "「信用卡使用年資」在新客戶身上是空的，因為他們還沒有信用紀錄，而新客戶的違約風險本來就不同。",
        "'Years of card history' is blank for new customers because they have no credit record yet, and new customers' risk genuinely differs.",
        "indicator",
        "缺值代表「沒有紀錄」，本身就有預測力；填補後加指標欄位保留這個資訊。",
        "Missing means 'no history', which predicts risk; impute and add an indicator to keep that.",
        ("median", "drop", "model"),
    ),
    Scenario(
        "sensor-blip",
        P,
        "easy",
        "每秒一筆的溫度感測資料偶爾缺 1–3 秒，溫度變化很緩慢。",
        "A once-a-second temperature stream occasionally misses 1–3 seconds; temperature changes slowly.",
        "ffill",
        "時間序列的短暫缺口，以前一個觀測值延續既簡單又合理。",
        "Short gaps in a slow time series are sensibly filled with the last value.",
        ("median", "drop", "unknown"),
    ),
    Scenario(
        "occupation",
        P,
        "medium",
        "「職業」為類別欄位，約 8% 空白，空白者多半是不願透露。",
        "'Occupation' is categorical and about 8% blank, mostly from people who preferred not to say.",
        "unknown",
        "類別缺值另立「未知」，避免錯誤歸類，也讓模型學到不透露者的特性。",
        "A separate 'unknown' avoids misclassifying and lets the model learn about non-disclosers.",
        ("median", "drop", "ffill"),
    ),
    Scenario(
        "weight",
        P,
        "medium",
        "體重欄位約 15% 缺值，但身高、性別、年齡完整，且與體重高度相關。",
        "Weight is about 15% missing, while height, sex and age are complete and strongly related to weight.",
        "model",
        "有強相關欄位可用，以模型推估比單一中位數更準確。",
        "With strongly related fields available, model-based estimates beat a single median.",
        ("median", "drop", "unknown"),
    ),
    Scenario(
        "company-size",
        P,
        "hard",
        "「公司員工數」多半在個人工作室的申請者身上缺值，而他們的核准率明顯不同。",
        "'Company headcount' is missing mostly for sole-trader applicants, whose approval rates differ clearly.",
        "indicator",
        "缺值與申請者類型有關且具預測力，應保留缺值指標。",
        "Missingness is tied to applicant type and predictive; keep an indicator.",
        ("drop", "median", "ffill"),
    ),
]


def _scaling_family() -> list[ItemSpec]:
    rng = random.Random("aicert-demo:2.2-scale")
    specs: list[ItemSpec] = []
    for index in range(3):
        while True:
            lo = rng.choice([10, 20, 30])
            hi = lo + rng.choice([40, 60, 80])
            x = rng.randint(lo + 5, hi - 5)
            v = (x - lo) / (hi - lo)
            cands = [v, x / hi, (x - lo) / hi, (hi - x) / (hi - lo)]
            if len({f"{c:.2f}" for c in cands}) == 4 and round(v * 1000) % 10 != 5:
                break
        specs.append(
            computed(
                f"2.2-minmax-{index + 1}",
                A,
                D,
                "apply",
                "easy",
                (
                    f"某特徵在訓練資料中的最小值為 {lo}、最大值為 {hi}。以 min-max 正規化縮放到 0–1 時，數值 {x} 會變成多少？（取小數點後兩位）",
                    f"A feature's training minimum is {lo} and maximum {hi}. After min-max scaling to 0–1, what does the value {x} become? (two decimal places)",
                ),
                v,
                (
                    f"(x − 最小值) ÷ (最大值 − 最小值) = ({x} − {lo}) ÷ ({hi} − {lo}) = {v:.2f}。",
                    f"(x − min) ÷ (max − min) = ({x} − {lo}) ÷ ({hi} − {lo}) = {v:.2f}.",
                ),
                [
                    Mistake(
                        x / hi,
                        "直接除以最大值，忘了先減去最小值。",
                        "Divided by the maximum without subtracting the minimum.",
                    ),
                    Mistake(
                        (x - lo) / hi,
                        "分母應是全距（最大值 − 最小值），不是最大值。",
                        "The denominator is the range (max − min), not the maximum.",
                    ),
                    Mistake(
                        (hi - x) / (hi - lo),
                        "方向相反，算成距離最大值的比例。",
                        "Reversed: that is the distance from the maximum.",
                    ),
                ],
            )
        )
    for index in range(3):
        while True:
            mean = rng.choice([50, 60, 72, 100])
            sd = rng.choice([4, 5, 8, 12])
            x = mean + rng.choice([-2, -1, 1, 2, 3]) * sd + rng.choice([-2, 0, 2])
            z = (x - mean) / sd
            cands = [z, (x - mean) / sd**2, x - mean, (mean - x) / sd]
            if len({f"{c:.2f}" for c in cands}) == 4 and round(abs(z) * 1000) % 10 != 5:
                break
        specs.append(
            computed(
                f"2.2-zscore-{index + 1}",
                P,
                D,
                "apply",
                "medium",
                (
                    f"某特徵在訓練資料中的平均數為 {mean}、標準差為 {sd}。標準化（z 分數）後，數值 {x} 會變成多少？（取小數點後兩位）",
                    f"A feature's training mean is {mean} and standard deviation {sd}. After standardisation (z-score), what does the value {x} become? (two decimal places)",
                ),
                z,
                (
                    f"z = (x − 平均數) ÷ 標準差 = ({x} − {mean}) ÷ {sd} = {z:.2f}。",
                    f"z = (x − mean) ÷ sd = ({x} − {mean}) ÷ {sd} = {z:.2f}.",
                ),
                [
                    Mistake(
                        (x - mean) / sd**2,
                        "除以變異數而不是標準差。",
                        "Divided by the variance instead of the standard deviation.",
                    ),
                    Mistake(
                        x - mean,
                        "只減去平均數，沒有除以標準差。",
                        "Only centred, not divided by the standard deviation.",
                    ),
                    Mistake((mean - x) / sd, "正負號相反。", "The sign is reversed."),
                ],
            )
        )
    return specs


def _hand_written() -> list[ItemSpec]:
    return [
        single(
            "2.2-why-features",
            A,
            D,
            "understand",
            "easy",
            ("「特徵工程」的主要目的是什麼？", "What is the main purpose of feature engineering?"),
            [
                ok(
                    "把原始資料轉換成更能表達問題關鍵資訊的輸入，幫助模型學習",
                    "好的特徵讓模型更容易找到與目標有關的規律。",
                    "Turning raw data into inputs that express the key information better, helping the model learn",
                    "Good features make the relevant patterns easier to find.",
                ),
                no(
                    "把資料檔案壓縮得更小",
                    "那是資料壓縮。",
                    "Making data files smaller",
                    "That is compression.",
                ),
                no(
                    "刪除所有的數值欄位",
                    "特徵工程不是刪除資料。",
                    "Deleting all numeric columns",
                    "Feature engineering is not deleting data.",
                ),
                no(
                    "讓模型訓練時不需要標籤",
                    "特徵工程與是否需要標籤無關。",
                    "Removing the need for labels",
                    "Unrelated to whether labels are needed.",
                ),
            ],
        ),
        single(
            "2.2-date-features",
            A,
            D,
            "apply",
            "easy",
            (
                "預測餐廳每日來客數時，原始資料只有「日期」欄位。下列哪一組衍生特徵最有幫助？",
                "Predicting daily restaurant visitors, the raw data has only a date. Which derived features help most?",
            ),
            [
                ok(
                    "星期幾、是否為國定假日、月份",
                    "來客數常隨星期、假日與季節變化，這些特徵直接反映這些規律。",
                    "Day of week, public holiday or not, month",
                    "Visitor numbers vary with weekday, holidays and season, which these capture.",
                ),
                no(
                    "日期字串的字元數",
                    "與來客數無關。",
                    "The number of characters in the date string",
                    "Unrelated to visitors.",
                ),
                no(
                    "日期轉成的亂數",
                    "隨機數沒有資訊。",
                    "A random number derived from the date",
                    "Random numbers carry no information.",
                ),
                no(
                    "資料輸入人員的姓名",
                    "與預測目標無關，還涉及個資。",
                    "The name of the clerk who entered the data",
                    "Irrelevant, and personal data.",
                ),
            ],
        ),
        single(
            "2.2-log",
            A,
            D,
            "apply",
            "medium",
            (
                "「房價」分布嚴重右偏（少數豪宅價格極高）。線性迴歸前常見的處理是？",
                "House prices are heavily right-skewed (a few mansions cost a fortune). What is a common treatment before linear regression?",
            ),
            [
                ok(
                    "取對數轉換，使分布較接近對稱",
                    "對數轉換壓縮極端值、降低偏態，常讓線性模型表現更好。",
                    "A log transform, making the distribution more symmetric",
                    "The log compresses extremes and skew, often helping linear models.",
                ),
                no(
                    "把所有高於平均的值都改成平均值",
                    "會抹除真實資訊。",
                    "Replace every above-average value with the average",
                    "It erases real information.",
                ),
                no(
                    "把價格乘以 100",
                    "線性縮放不改變偏態。",
                    "Multiply prices by 100",
                    "Linear scaling leaves the skew unchanged.",
                ),
                no(
                    "刪除所有價格高於中位數的房子",
                    "會刪掉一半資料並造成偏差。",
                    "Delete every house priced above the median",
                    "It deletes half the data and biases it.",
                ),
            ],
        ),
        single(
            "2.2-split-first",
            A,
            D,
            "understand",
            "medium",
            (
                "在建立模型的流程中，「切分訓練集與測試集」應該在什麼時候做？",
                "When should the split into training and test sets happen in a modelling workflow?",
            ),
            [
                ok(
                    "在計算填補值、縮放參數或挑選特徵等會「從資料學習」的前處理之前",
                    "先切分，前處理只在訓練集上擬合，才能避免洩漏。",
                    "Before any preprocessing that learns from data, such as imputation values, scaling parameters or feature selection",
                    "Split first and fit preprocessing on training data only, to avoid leakage.",
                ),
                no(
                    "在模型訓練完成之後",
                    "太晚了，測試資料可能早已影響訓練。",
                    "After the model is trained",
                    "Too late; the test data may already have influenced training.",
                ),
                no(
                    "在所有前處理都完成之後",
                    "前處理若用到全部資料會造成洩漏。",
                    "After all preprocessing is finished",
                    "Preprocessing on all data leaks.",
                ),
                no(
                    "不需要切分，用全部資料訓練與評估即可",
                    "無法估計模型在新資料上的表現。",
                    "No split is needed; train and evaluate on everything",
                    "Then nothing estimates performance on new data.",
                ),
            ],
        ),
        single(
            "2.2-text-numbers",
            A,
            D,
            "understand",
            "medium",
            (
                "要用傳統機器學習模型分類客服留言，必須先把文字轉成數值。下列何者是常見的作法？",
                "To classify support messages with a classical ML model, text must become numbers. Which is a common method?",
            ),
            [
                ok(
                    "詞袋模型或 TF-IDF，或使用預訓練語言模型的嵌入向量",
                    "這些方法把文字轉成數值向量。",
                    "Bag of words or TF-IDF, or embeddings from a pretrained language model",
                    "These turn text into numeric vectors.",
                ),
                no(
                    "計算留言的檔案大小",
                    "檔案大小幾乎不含語意。",
                    "The message's file size",
                    "File size carries almost no meaning.",
                ),
                no(
                    "把每個字轉成其筆畫數再相加",
                    "總筆畫數無法表達語意。",
                    "Sum the stroke counts of the characters",
                    "Stroke totals express no meaning.",
                ),
                no(
                    "直接把文字輸入，模型會自動理解",
                    "傳統模型需要數值輸入。",
                    "Feed the raw text; the model will understand",
                    "Classical models need numeric input.",
                ),
            ],
        ),
        single(
            "2.2-ratio",
            P,
            D,
            "apply",
            "medium",
            (
                "信用評分資料有「月收入」與「每月應繳債務」兩個欄位。下列哪個衍生特徵最可能提升模型？",
                "Credit data has 'monthly income' and 'monthly debt payments'. Which derived feature is most likely to help?",
            ),
            [
                ok(
                    "負債收入比（每月應繳債務 ÷ 月收入）",
                    "比率直接反映還款負擔，是比兩個原始值更有意義的特徵。",
                    "The debt-to-income ratio (monthly debt ÷ monthly income)",
                    "The ratio directly measures repayment burden, more meaningful than either raw value.",
                ),
                no(
                    "月收入與債務的總和",
                    "總和沒有明確的業務意義。",
                    "Income plus debt",
                    "The sum has no clear business meaning.",
                ),
                no(
                    "月收入的末位數字",
                    "與還款能力無關。",
                    "The last digit of income",
                    "Unrelated to ability to repay.",
                ),
                no(
                    "兩欄位中較大的值",
                    "混合兩種意義不同的數值。",
                    "The larger of the two",
                    "It mixes two different meanings.",
                ),
            ],
        ),
        single(
            "2.2-tree-scaling",
            P,
            D,
            "understand",
            "medium",
            (
                "下列哪一種模型「通常不需要」先對數值特徵做標準化？",
                "Which model usually does NOT need numeric features standardised first?",
            ),
            [
                ok(
                    "決策樹與隨機森林",
                    "樹模型依門檻切分，特徵的尺度不影響切分結果。",
                    "Decision trees and random forests",
                    "Trees split on thresholds, so feature scale does not change the splits.",
                ),
                no(
                    "k 最近鄰",
                    "以距離計算，尺度大的特徵會主導結果。",
                    "k-nearest neighbours",
                    "Distances are dominated by large-scale features.",
                ),
                no(
                    "使用梯度下降訓練的神經網路",
                    "尺度差異大會使訓練不穩定。",
                    "Neural networks trained by gradient descent",
                    "Very different scales destabilise training.",
                ),
                no(
                    "有正則化的邏輯斯迴歸",
                    "正則化對係數的懲罰受特徵尺度影響。",
                    "Regularised logistic regression",
                    "The penalty on coefficients depends on feature scale.",
                ),
            ],
        ),
        single(
            "2.2-imbalance",
            P,
            D,
            "apply",
            "hard",
            (
                "詐欺樣本只占 0.5%。下列哪一種處理最恰當？",
                "Fraud is only 0.5% of the data. Which handling is most appropriate?",
            ),
            [
                ok(
                    "以分層切分保留比例，只在訓練資料上使用類別權重或過採樣，並以 PR 曲線等適合不平衡的指標評估",
                    "處理不平衡只能動訓練資料；測試資料要保持真實比例，評估指標也要能反映少數類。",
                    "Stratify the split, use class weights or oversampling on the training data only, and evaluate with imbalance-aware metrics such as the PR curve",
                    "Only training data may be rebalanced; the test set keeps the real ratio, and metrics must reflect the minority class.",
                ),
                no(
                    "把測試集也過採樣成 50:50 再評估",
                    "會讓評估結果不反映真實情況。",
                    "Oversample the test set to 50:50 too",
                    "Evaluation would no longer reflect reality.",
                ),
                no(
                    "刪除 99% 的正常交易讓比例平衡",
                    "丟棄大量資訊，且模型會嚴重高估詐欺。",
                    "Delete 99% of normal transactions to balance",
                    "It throws away information and the model will overpredict fraud.",
                ),
                no(
                    "不處理，以準確率評估即可",
                    "全部猜正常就有 99.5% 準確率，準確率無意義。",
                    "Do nothing and judge by accuracy",
                    "Guessing 'normal' always scores 99.5%.",
                ),
            ],
        ),
        single(
            "2.2-stratify",
            P,
            D,
            "apply",
            "medium",
            (
                "資料共 2,000 筆，其中陽性只有 60 筆。切分訓練集與測試集時最應注意什麼？",
                "There are 2,000 records with only 60 positives. What matters most when splitting into training and test sets?",
            ),
            [
                ok(
                    "使用分層抽樣，讓兩邊的陽性比例一致",
                    "隨機切分可能讓測試集陽性過少，評估不穩定。",
                    "Use stratified sampling so both sides keep the same positive rate",
                    "A plain random split may leave too few positives in the test set.",
                ),
                no(
                    "把所有陽性都放在測試集",
                    "訓練集會沒有陽性可學。",
                    "Put all positives in the test set",
                    "Training would have none to learn from.",
                ),
                no(
                    "把所有陽性都放在訓練集",
                    "測試集會無法評估陽性表現。",
                    "Put all positives in the training set",
                    "The test could not measure positive performance.",
                ),
                no(
                    "依資料的輸入順序，前 80% 當訓練集",
                    "可能帶入順序偏差。",
                    "Use the first 80% in input order for training",
                    "Input order may carry bias.",
                ),
            ],
        ),
        single(
            "2.2-binning",
            P,
            D,
            "evaluate",
            "medium",
            (
                "把連續的「年齡」切成「18–29、30–44、45–64、65+」四個區間作為特徵，主要的優缺點為何？",
                "Binning continuous age into 18–29, 30–44, 45–64 and 65+ as a feature: what are the main pros and cons?",
            ),
            [
                ok(
                    "可捕捉非線性、較易解釋並減少雜訊影響，但會失去區間內的細節且邊界需合理設定",
                    "分箱是解釋性與資訊量之間的取捨。",
                    "It captures non-linearity, is easier to explain and dampens noise, but loses detail within bins and needs sensible boundaries",
                    "Binning trades information for interpretability.",
                ),
                no(
                    "只有好處，沒有任何資訊損失",
                    "區間內的差異會被抹除。",
                    "Only benefits, with no loss of information",
                    "Differences within a bin disappear.",
                ),
                no(
                    "會讓模型一定過擬合",
                    "分箱通常降低而非提高過擬合。",
                    "It always makes the model overfit",
                    "Binning usually reduces overfitting.",
                ),
                no(
                    "分箱後就不能用於樹模型",
                    "樹模型同樣可使用分箱特徵。",
                    "Binned features cannot be used in tree models",
                    "Trees can use them too.",
                ),
            ],
        ),
        single(
            "2.2-interaction",
            P,
            D,
            "analyse",
            "hard",
            (
                "線性模型預測冰品銷量時發現：高溫只有在「週末」時才會大幅提高銷量。應如何讓模型學到這個現象？",
                "A linear model of ice-cream sales finds that heat boosts sales a lot only at weekends. How can the model learn this?",
            ),
            [
                ok(
                    "加入「溫度 × 是否週末」的交互作用特徵",
                    "交互項讓溫度的效果可以隨週末與否而不同。",
                    "Add an interaction feature 'temperature × weekend'",
                    "The interaction lets the effect of temperature differ at weekends.",
                ),
                no(
                    "刪除溫度欄位",
                    "溫度確實有影響。",
                    "Drop the temperature column",
                    "Temperature clearly matters.",
                ),
                no(
                    "把溫度改成華氏",
                    "單位轉換不改變關係的形式。",
                    "Convert temperature to Fahrenheit",
                    "A unit change does not change the relationship.",
                ),
                no(
                    "增加更多的平日資料",
                    "資料量不會讓線性模型自動學到交互作用。",
                    "Add more weekday data",
                    "More data does not make a linear model learn an interaction by itself.",
                ),
            ],
        ),
        single(
            "2.2-window-agg",
            P,
            D,
            "apply",
            "hard",
            (
                "為每位客戶建立「過去 30 天消費總額」特徵來預測下個月是否流失。計算訓練資料的這個特徵時，最重要的原則是？",
                "You build 'spend in the last 30 days' per customer to predict next month's churn. What principle matters most when computing it for training data?",
            ),
            [
                ok(
                    "以每筆樣本的預測時點為基準往回計算，不使用該時點之後的交易",
                    "特徵必須只用預測當下可得的資訊，才能與上線時一致並避免洩漏。",
                    "Count back from each row's prediction date and never use transactions after it",
                    "Features must use only what is known at prediction time, matching production and avoiding leakage.",
                ),
                no(
                    "一律以今天往回 30 天計算",
                    "歷史樣本會用到其預測時點之後的資料。",
                    "Always count the 30 days before today",
                    "Historical rows would use data after their prediction date.",
                ),
                no(
                    "使用客戶全部歷史的平均值以求穩定",
                    "改變了特徵定義，且可能包含未來資訊。",
                    "Use the customer's all-time average for stability",
                    "It changes the definition and may include the future.",
                ),
                no(
                    "只對流失客戶計算，其餘補 0",
                    "計算方式依標籤而異，本身就是洩漏。",
                    "Compute it only for churners and fill 0 for others",
                    "Computing by label is itself leakage.",
                ),
            ],
        ),
        single(
            "2.2-pca",
            P,
            D,
            "understand",
            "medium",
            (
                "有 300 個高度相關的光譜特徵，想在建模前降維。主成分分析（PCA）做的是什麼？",
                "There are 300 highly correlated spectral features to reduce before modelling. What does PCA do?",
            ),
            [
                ok(
                    "找出彼此不相關、依序保留最多變異的新軸，以前幾個主成分代表原資料",
                    "PCA 是無監督的線性降維，保留最大變異。",
                    "It finds uncorrelated new axes that successively keep the most variance, and represents the data by the first few components",
                    "PCA is unsupervised linear reduction that keeps maximum variance.",
                ),
                no(
                    "挑出與標籤最相關的特徵",
                    "PCA 不使用標籤。",
                    "It picks the features most related to the label",
                    "PCA does not use labels.",
                ),
                no(
                    "刪除所有缺值",
                    "與缺值處理無關。",
                    "It deletes missing values",
                    "Unrelated to missing data.",
                ),
                no(
                    "把特徵轉成類別變數",
                    "PCA 產生的是連續數值。",
                    "It turns features into categories",
                    "PCA yields continuous values.",
                ),
            ],
        ),
        single(
            "2.2-feature-store",
            P,
            D,
            "evaluate",
            "hard",
            (
                "模型離線驗證效果很好，上線後表現卻明顯下降。調查發現，線上服務的特徵計算程式與訓練時的程式由不同團隊各自撰寫，細節不一致。最根本的解法是？",
                "A model validates well offline but degrades in production. Investigation finds the online feature code and the training feature code were written separately by different teams and differ in details. What is the fundamental fix?",
            ),
            [
                ok(
                    "讓訓練與線上共用同一套特徵定義與計算（如特徵平台），並監測兩邊特徵分布的一致性",
                    "訓練與服務偏差（training–serving skew）源自兩套實作；共用定義並監測可根除。",
                    "Share one feature definition and computation between training and serving (e.g. a feature store) and monitor that their distributions match",
                    "Training–serving skew comes from two implementations; sharing definitions and monitoring removes it.",
                ),
                no(
                    "把模型改成更大的模型",
                    "模型大小無法修正輸入不一致。",
                    "Switch to a bigger model",
                    "Model size cannot fix inconsistent inputs.",
                ),
                no(
                    "每週重新訓練一次",
                    "重新訓練仍使用不一致的特徵。",
                    "Retrain weekly",
                    "Retraining still uses mismatched features.",
                ),
                no(
                    "降低上線的流量",
                    "與問題根源無關。",
                    "Reduce production traffic",
                    "Unrelated to the cause.",
                ),
            ],
        ),
        single(
            "2.2-select-methods",
            P,
            D,
            "analyse",
            "medium",
            (
                "有 500 個候選特徵但只有 1,200 筆樣本。下列哪一種特徵選擇作法最恰當？",
                "There are 500 candidate features but only 1,200 samples. Which feature-selection approach is most appropriate?",
            ),
            [
                ok(
                    "在交叉驗證的每一折訓練資料內，以 L1 正則化或特徵重要度挑選特徵，並比較驗證表現",
                    "選擇必須在折內進行以免洩漏，並以驗證表現決定保留多少特徵。",
                    "Within each cross-validation training fold, select with L1 regularisation or feature importance, and compare validation performance",
                    "Selection must happen inside folds to avoid leakage, with validation deciding how many to keep.",
                ),
                no(
                    "在全部資料上挑出與標籤最相關的特徵後再做交叉驗證",
                    "會造成前處理洩漏並高估表現。",
                    "Pick the features most correlated with the label on all data, then cross-validate",
                    "That leaks and inflates results.",
                ),
                no(
                    "全部 500 個都放進去，不做選擇",
                    "樣本太少，容易過擬合。",
                    "Keep all 500 without selection",
                    "With so few samples, it overfits.",
                ),
                no(
                    "隨機挑 20 個特徵",
                    "沒有依據，可能丟掉重要特徵。",
                    "Pick 20 at random",
                    "Arbitrary; important features may be lost.",
                ),
            ],
        ),
        single(
            "2.2-zh-normalise",
            P,
            D,
            "apply",
            "medium",
            (
                "要比對兩個系統中的商品名稱，卻發現「ＡＢＣ　手機殼」與「ABC 手机壳」被視為不同商品。最合適的前處理是？",
                "Matching product names across two systems, 'ＡＢＣ　手機殼' and 'ABC 手机壳' are treated as different products. What preprocessing fits best?",
            ),
            [
                ok(
                    "文字正規化：全形轉半形、統一空白與大小寫、繁簡轉換為同一種字體後再比對",
                    "這些差異只是表示方式不同，正規化後才能正確比對。",
                    "Text normalisation: full-width to half-width, unified spacing and case, and conversion between simplified and traditional characters before matching",
                    "The differences are only in representation; normalise first to match correctly.",
                ),
                no(
                    "把名稱中所有中文字刪除",
                    "會失去主要資訊。",
                    "Delete every Chinese character from the names",
                    "That destroys the main information.",
                ),
                no(
                    "只比對名稱的第一個字",
                    "會造成大量誤配。",
                    "Compare only the first character",
                    "That causes massive false matches.",
                ),
                no(
                    "以名稱長度判斷是否相同",
                    "長度相同不代表是同一商品。",
                    "Decide by name length",
                    "Equal length does not mean the same product.",
                ),
            ],
        ),
        single(
            "2.2-winsorise",
            P,
            D,
            "evaluate",
            "medium",
            (
                "線性迴歸的某個特徵有少數極端值（經查證為真實資料），使係數估計很不穩定。下列哪一種處理最恰當？",
                "A feature in a linear regression has a few extreme but genuine values that make the coefficient estimates unstable. Which treatment is most appropriate?",
            ),
            [
                ok(
                    "以訓練資料的百分位數（如第 1 與第 99 百分位）截尾，或改用對數轉換、穩健迴歸",
                    "截尾或轉換可降低極端值的影響又不刪除資料；截尾界線須只從訓練資料計算。",
                    "Cap at training-data percentiles (say the 1st and 99th), or use a log transform or robust regression",
                    "Capping or transforming reduces the pull of extremes without deleting data; compute the caps on training data only.",
                ),
                no(
                    "直接刪除這些真實的極端紀錄",
                    "刪除真實資料可能讓模型無法處理未來的類似情況。",
                    "Delete those genuine extreme records",
                    "Deleting real data leaves the model unprepared for similar future cases.",
                ),
                no(
                    "把極端值改成 0",
                    "0 是錯誤的數值，會扭曲關係。",
                    "Set the extremes to 0",
                    "0 is a wrong value and distorts the relationship.",
                ),
                no(
                    "把整個特徵乘以 0.01",
                    "等比例縮放不改變極端值的相對影響。",
                    "Multiply the whole feature by 0.01",
                    "Rescaling leaves their relative pull unchanged.",
                ),
            ],
        ),
        true_false(
            "2.2-tf-onehot-order",
            A,
            D,
            "understand",
            "medium",
            (
                "把「台北、台中、高雄」直接編碼成 1、2、3 給線性模型使用，可能讓模型誤以為「高雄 > 台中 > 台北」存在大小關係。",
                "Encoding 'Taipei, Taichung, Kaohsiung' as 1, 2, 3 for a linear model may make it treat them as if Kaohsiung > Taichung > Taipei.",
            ),
            True,
            (
                "沒有順序的類別不應使用序數編碼；可改用獨熱編碼等方式。",
                "Unordered categories should not be ordinal-encoded; use one-hot or similar.",
            ),
        ),
        true_false(
            "2.2-tf-impute-test",
            P,
            D,
            "understand",
            "medium",
            (
                "填補缺值時，應使用「訓練資料」計算出的中位數，去填補測試資料與上線資料的缺值。",
                "When imputing, the median computed from the training data should be used to fill gaps in test and production data.",
            ),
            True,
            (
                "填補值是從資料學到的參數，只能從訓練資料學得，並原封不動套用到其他資料，才能避免洩漏並與上線一致。",
                "An imputation value is a learned parameter: learn it from training data only and apply it unchanged elsewhere, avoiding leakage and matching production.",
            ),
        ),
        multi(
            "2.2-mr-clean",
            A,
            D,
            "apply",
            "easy",
            (
                "整理一份客戶資料準備建模時，下列哪些是合理的資料準備工作？（選出所有正確者）",
                "Preparing customer data for modelling, which of these are sensible preparation steps? (Select all that apply.)",
            ),
            [
                ok(
                    "統一日期與電話的格式",
                    "格式一致才能正確解析。",
                    "Standardise date and phone formats",
                    "Consistent formats parse correctly.",
                ),
                ok(
                    "處理重複的客戶紀錄",
                    "重複會扭曲統計與模型。",
                    "Resolve duplicate customer records",
                    "Duplicates distort statistics and models.",
                ),
                ok(
                    "把類別欄位轉換成模型可用的數值",
                    "多數模型需要數值輸入。",
                    "Convert categorical fields into numbers the model can use",
                    "Most models need numeric input.",
                ),
                no(
                    "刪除所有數值較大的紀錄",
                    "可能刪掉重要的真實資料。",
                    "Delete every record with large values",
                    "It may remove important real data.",
                ),
                no(
                    "把缺值隨意填上亂數",
                    "亂數會引入雜訊與錯誤。",
                    "Fill gaps with random numbers",
                    "Random numbers add noise and errors.",
                ),
            ],
        ),
        multi(
            "2.2-mr-leak-checks",
            P,
            D,
            "evaluate",
            "hard",
            (
                "模型驗證結果「好得不像真的」，下列哪些檢查有助於找出資料洩漏？（選出所有正確者）",
                "Validation results look too good to be true. Which checks help find leakage? (Select all that apply.)",
            ),
            [
                ok(
                    "檢視重要度最高的特徵，確認它們在預測時點是否真的可得",
                    "異常重要的特徵常是洩漏的來源。",
                    "Inspect the most important features and confirm they are really available at prediction time",
                    "Suspiciously important features are a common leak.",
                ),
                ok(
                    "確認前處理只在訓練資料上擬合",
                    "在全部資料上擬合會洩漏。",
                    "Confirm preprocessing was fitted only on training data",
                    "Fitting on all data leaks.",
                ),
                ok(
                    "檢查同一實體是否同時出現在訓練與驗證資料",
                    "群組洩漏會高估表現。",
                    "Check whether the same entity appears in both training and validation",
                    "Group leakage inflates results.",
                ),
                ok(
                    "確認切分方式是否符合時間先後",
                    "隨機切分時間資料會洩漏未來。",
                    "Check the split respects time order",
                    "Random splits of time data leak the future.",
                ),
                no(
                    "把學習率調高再訓練一次",
                    "與找出洩漏無關。",
                    "Retrain with a higher learning rate",
                    "Unrelated to finding leakage.",
                ),
            ],
        ),
        ordering(
            "2.2-order-pipeline",
            P,
            D,
            "apply",
            "medium",
            (
                "請排列建立模型時正確的資料處理順序。",
                "Put the data-processing steps of model building in the right order.",
            ),
            [
                ("切分訓練集與測試集", "Split into training and test sets"),
                (
                    "在訓練集上擬合填補與縮放等前處理",
                    "Fit imputation, scaling and other preprocessing on the training set",
                ),
                (
                    "以擬合好的前處理轉換訓練集並訓練模型",
                    "Transform the training set and train the model",
                ),
                (
                    "以同一套前處理轉換測試集",
                    "Transform the test set with the same fitted preprocessing",
                ),
                ("在測試集上評估模型", "Evaluate the model on the test set"),
            ],
        ),
        matching(
            "2.2-match-transforms",
            P,
            D,
            "understand",
            "medium",
            (
                "請將每一種轉換對應到它最適合處理的情況。",
                "Match each transformation to the situation it suits best.",
            ),
            [
                (("對數轉換", "Log transform"), ("嚴重右偏的金額", "Heavily right-skewed amounts")),
                (
                    ("獨熱編碼", "One-hot encoding"),
                    ("少量且無順序的類別", "A few unordered categories"),
                ),
                (
                    ("週期編碼（sin／cos）", "Cyclical (sin/cos) encoding"),
                    ("一天中的時刻", "Time of day"),
                ),
                (
                    ("標準化（z 分數）", "Standardisation (z-score)"),
                    ("k 最近鄰的距離計算", "Distance computations in k-nearest neighbours"),
                ),
            ],
            distractors=[("資料去識別化", "De-identification")],
        ),
        numeric(
            "2.2-num-onehot",
            P,
            D,
            "apply",
            "easy",
            (
                "資料有兩個類別欄位：「縣市」有 22 個值、「會員等級」有 4 個值。全部做獨熱編碼（每個值一欄，不刪除參考類別）後，共會產生幾個欄位？",
                "Two categorical fields: 'county' with 22 values and 'membership tier' with 4. After one-hot encoding both (one column per value, no reference category dropped), how many columns result?",
            ),
            26,
            0,
            unit=("個", "columns"),
            feedback=("22 + 4 = 26 個欄位。", "22 + 4 = 26 columns."),
        ),
        short_text(
            "2.2-st-onehot",
            A,
            D,
            "remember",
            "easy",
            (
                "把類別欄位的每個值各轉成一個 0/1 欄位的編碼方式，英文稱為什麼？",
                "What is the English name of the encoding that turns each category value into its own 0/1 column?",
            ),
            ["one-hot", "one-hot encoding", "獨熱編碼"],
            ["one-hot", "one-hot encoding", "one hot encoding"],
            patterns=[r"(?i)^\s*one[\s-]?hot(\s+encoding)?\s*$"],
        ),
        constructed(
            "2.2-cr-churn-features",
            P,
            D,
            "create",
            "hard",
            (
                "電信公司要預測客戶下個月是否解約。可用資料有：客戶基本資料、每月帳單、通話與上網用量紀錄、客服來電紀錄。請設計至少五個特徵，說明每個特徵的計算方式與為何可能有預測力，並指出一個容易造成資料洩漏的特徵及避免方法。",
                "A telecom wants to predict whether customers cancel next month. Available: customer profiles, monthly bills, call and data usage, support-call logs. Design at least five features, explain how each is computed and why it may predict churn, and name one feature that could easily leak and how to avoid it.",
            ),
            [
                (
                    ("特徵設計", "Feature design"),
                    [
                        (0, ("少於三個或與問題無關。", "Fewer than three, or irrelevant.")),
                        (1, ("三至四個合理特徵。", "Three or four sensible features.")),
                        (
                            2,
                            (
                                "五個以上，涵蓋趨勢（用量變化）、比率、客服互動與合約狀態等面向。",
                                "Five or more covering trends (usage change), ratios, support contact and contract status.",
                            ),
                        ),
                    ],
                ),
                (
                    ("計算方式與理由", "Computation and rationale"),
                    [
                        (0, ("未說明。", "Not explained.")),
                        (1, ("部分說明。", "Partly explained.")),
                        (
                            2,
                            (
                                "每個特徵都有明確時間窗與計算方式，並說明與流失的關聯。",
                                "Each has a clear time window and computation, and its link to churn.",
                            ),
                        ),
                    ],
                ),
                (
                    ("洩漏辨識", "Leakage awareness"),
                    [
                        (0, ("未提及。", "Not addressed.")),
                        (1, ("提到洩漏但例子不正確。", "Mentions leakage with a wrong example.")),
                        (
                            2,
                            (
                                "正確指出如「已申請攜碼」等結果後資訊，並說明以預測時點截斷資料。",
                                "Correctly names post-outcome information such as 'number-porting request filed' and cuts data at the prediction date.",
                            ),
                        ),
                    ],
                ),
            ],
        ),
    ]


def items() -> list[ItemSpec]:
    return [
        *classify("2.2-leak", D, LEAKS, LEAK_Q, LEAK_SCENARIOS, cognitive="analyse"),
        *classify("2.2-encode", D, ENCODINGS, ENC_Q, ENC_SCENARIOS, cognitive="apply"),
        *classify("2.2-impute", D, IMPUTE, IMPUTE_Q, IMPUTE_SCENARIOS, cognitive="apply"),
        *_scaling_family(),
        *_hand_written(),
    ]
