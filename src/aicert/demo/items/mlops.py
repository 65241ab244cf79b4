"""3.3 Model deployment and operations: serving, release strategies, drift, capacity, MLOps."""

from __future__ import annotations

import math
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
    single,
    true_false,
)

D = "3.3"
P, E = "professional", "expert"

DRIFTS = {
    "data": Category(
        "資料漂移（輸入分布改變）",
        "Data drift (input distribution shift)",
        "輸入特徵的分布改變，但輸入與結果之間的關係大致不變",
        "the distribution of input features changes while the relation between inputs and outcome stays much the same",
    ),
    "concept": Category(
        "概念漂移",
        "Concept drift",
        "輸入與結果之間的關係本身改變，同樣的輸入現在對應不同的結果",
        "the relation between inputs and outcome itself changes, so the same inputs now lead to different outcomes",
    ),
    "prior": Category(
        "標籤分布改變（先驗偏移）",
        "Label shift (prior shift)",
        "各類別結果的整體比例改變，但各類別內的特徵型態不變",
        "the overall proportion of outcomes changes while each class's feature patterns stay the same",
    ),
    "skew": Category(
        "訓練與服務偏差",
        "Training–serving skew",
        "上線時的特徵計算方式與訓練時不同，並非真實世界改變",
        "features are computed differently in production than in training, not a change in the world",
    ),
    "pipeline": Category(
        "上游資料管線故障",
        "An upstream data-pipeline break",
        "來源系統的欄位、單位或格式變更或出錯，使輸入值異常",
        "a source system's fields, units or formats changed or broke, corrupting inputs",
    ),
}
DRIFT_Q = ("這最可能是哪一種狀況？", "Which situation is this most likely to be?")
DRIFT_SCENARIOS = [
    Scenario(
        "young-users",
        P,
        "medium",
        "推薦模型上線半年後，新註冊使用者以 18–24 歲為主（原本以 30–45 歲為主），但各年齡層的偏好與訓練時相似。",
        "Six months after launch, new sign-ups of a recommender are mostly aged 18–24 (previously 30–45), though each age group's tastes match training.",
        "data",
        "輸入分布改變而關係不變，是資料漂移。",
        "The inputs shifted but the relationship did not: data drift.",
        ("concept", "prior", "pipeline"),
    ),
    Scenario(
        "fraud-tactics",
        P,
        "medium",
        "詐騙集團改用新手法：交易金額、時間等特徵看起來與正常交易無異，過去的判斷規律已不再有效。",
        "Fraudsters switch tactics so amount, time and other features look like genuine transactions, and past patterns no longer hold.",
        "concept",
        "同樣的特徵現在對應不同的結果，是概念漂移。",
        "The same features now mean something different: concept drift.",
        ("data", "prior", "skew"),
    ),
    Scenario(
        "units-change",
        P,
        "easy",
        "某天起模型輸入的「溫度」突然全部變成 90–100 之間，調查發現感測器系統把單位從攝氏改成了華氏。",
        "One day all 'temperature' inputs jump to 90–100; the sensor system switched from Celsius to Fahrenheit.",
        "pipeline",
        "來源系統變更單位導致輸入異常，是上游管線問題，不是真實世界改變。",
        "A source-system unit change corrupted inputs: an upstream pipeline issue, not a real-world change.",
        ("data", "concept", "skew"),
    ),
    Scenario(
        "epidemic",
        E,
        "hard",
        "流感季來臨，就診者中確診流感的比例由 5% 升到 30%，但流感病人與非流感病人的症狀表現與以往相同。",
        "Flu season arrives: the share of patients with flu rises from 5% to 30%, while the symptoms of flu and non-flu patients look as before.",
        "prior",
        "類別比例改變而各類內的特徵型態不變，是先驗（標籤分布）偏移；可調整門檻或重新校準。",
        "Class proportions changed but within-class patterns did not: prior (label) shift; adjust thresholds or recalibrate.",
        ("data", "concept", "pipeline"),
    ),
    Scenario(
        "timezone",
        E,
        "hard",
        "模型離線驗證很好，上線第一天就表現很差。追查發現訓練時「下單時段」以台灣時間計算，線上服務卻使用 UTC。",
        "A model validated well offline but failed on day one. Training computed 'order hour' in Taiwan time, while the online service uses UTC.",
        "skew",
        "同一特徵在訓練與服務的計算方式不同，是訓練與服務偏差。",
        "The same feature is computed differently in training and serving: training–serving skew.",
        ("data", "pipeline", "concept"),
    ),
    Scenario(
        "new-policy",
        E,
        "hard",
        "政府放寬房貸成數限制後，同樣收入與負債條件的申請人，實際違約率明顯改變。",
        "After the government eases mortgage loan-to-value limits, applicants with the same income and debt now default at clearly different rates.",
        "concept",
        "相同條件對應的結果改變，是概念漂移，需要以新標籤重新訓練。",
        "The same conditions now bring different outcomes: concept drift, needing retraining on new labels.",
        ("data", "prior", "skew"),
    ),
    Scenario(
        "null-flood",
        E,
        "medium",
        "模型的某個重要特徵從上週二起有 80% 為空值，而這之前不到 1%；其他特徵都正常。",
        "Since last Tuesday 80% of one important feature is null, up from under 1%; other features are normal.",
        "pipeline",
        "單一欄位突然大量缺值，最可能是上游資料管線或來源系統出問題。",
        "A sudden flood of nulls in one field most likely means an upstream pipeline or source-system fault.",
        ("data", "concept", "prior"),
    ),
    Scenario(
        "new-store-region",
        E,
        "medium",
        "零售商在東部開了 20 家新門市，預測模型的輸入中東部門市的比例大增；東部門市的銷售規律與訓練資料中的既有東部門市相似。",
        "A retailer opens 20 new stores in the east, greatly raising the share of eastern stores in the forecast inputs; they behave like the eastern stores in the training data.",
        "data",
        "輸入分布改變但關係相同，屬資料漂移；模型可能仍適用，但要監測。",
        "Inputs shifted but relationships hold: data drift; the model may still work but needs watching.",
        ("concept", "skew", "pipeline"),
    ),
    Scenario(
        "feature-lib",
        E,
        "hard",
        "資料科學家在訓練時用 Python 計算「過去 7 天平均」，線上服務由另一團隊以 Java 重寫，邊界日期的處理不同，導致數值略有差異。",
        "Data scientists compute '7-day average' in Python for training, while another team rewrote it in Java for serving, handling boundary dates differently.",
        "skew",
        "兩套實作的差異造成訓練與服務偏差；應共用特徵定義。",
        "Two implementations differ: training–serving skew; share the feature definition.",
        ("pipeline", "data", "concept"),
    ),
]

SERVING = {
    "batch": Category(
        "批次預測（定期整批計算並儲存結果）",
        "Batch prediction (scoring in bulk on a schedule and storing results)",
        "不需即時回應，定期對大量資料一次計算",
        "no real-time need; large volumes are scored together on a schedule",
    ),
    "online": Category(
        "即時線上 API",
        "A real-time online API",
        "每個請求即時計算，需在毫秒到秒級回應",
        "each request is scored on the spot within milliseconds to seconds",
    ),
    "streaming": Category(
        "串流處理",
        "Stream processing",
        "對持續流入的事件逐筆或以小視窗連續計算",
        "scoring a continuous flow of events one by one or in small windows",
    ),
    "edge": Category(
        "邊緣（裝置端）部署",
        "Edge (on-device) deployment",
        "模型在裝置上執行，可離線、低延遲並減少資料外傳",
        "running the model on the device: offline, low-latency and keeping data local",
    ),
}
SERVING_Q = ("最適合採用哪一種部署方式？", "Which deployment mode fits best?")
SERVING_SCENARIOS = [
    Scenario(
        "nightly-churn",
        P,
        "easy",
        "每週一早上，行銷人員要拿到一份「本週流失風險最高的 1,000 位客戶」名單。",
        "Every Monday morning marketing needs a list of the 1,000 customers most at risk of churning this week.",
        "batch",
        "不需即時回應，每週整批計算一次即可，成本最低。",
        "No real-time need; scoring once a week in bulk is cheapest.",
        ("online", "streaming", "edge"),
    ),
    Scenario(
        "checkout-fraud",
        P,
        "medium",
        "消費者在結帳按下付款時，系統必須在 200 毫秒內判斷是否為盜刷。",
        "When a shopper presses pay, the system must judge fraud within 200 ms.",
        "online",
        "每筆交易需即時判斷，應以低延遲的線上 API 服務。",
        "Each transaction needs an immediate answer: a low-latency online API.",
        ("batch", "edge", "streaming"),
    ),
    Scenario(
        "factory-offline",
        P,
        "medium",
        "偏遠工廠的產線相機需要即時判斷瑕疵，但工廠網路常中斷。",
        "A remote factory's line cameras must spot defects instantly, but the network often drops.",
        "edge",
        "需在無網路時也能低延遲運作，應部署在裝置端。",
        "It must work with low latency even offline: deploy on the device.",
        ("online", "batch", "streaming"),
    ),
    Scenario(
        "iot-stream",
        E,
        "medium",
        "10 萬個電表每 15 秒回傳一次讀數，需持續偵測異常用電並在一分鐘內發出警示。",
        "100,000 smart meters report every 15 seconds, and abnormal usage must be detected continuously with alerts within a minute.",
        "streaming",
        "持續流入的大量事件需連續處理，串流處理最合適。",
        "A continuous flood of events calls for stream processing.",
        ("batch", "online", "edge"),
    ),
    Scenario(
        "phone-privacy",
        E,
        "hard",
        "手機鍵盤的輸入預測功能，使用者的輸入內容不應離開手機，且需即時反應。",
        "A phone keyboard's next-word prediction: what users type must not leave the phone, and it must respond instantly.",
        "edge",
        "隱私要求資料不外傳且需即時，模型應在裝置上執行。",
        "Privacy keeps data on the phone and speed is essential: run on the device.",
        ("online", "streaming", "batch"),
    ),
    Scenario(
        "monthly-credit-limit",
        E,
        "easy",
        "銀行每月底重新計算全部 300 萬張信用卡的建議額度，隔月生效。",
        "A bank recalculates suggested limits for all 3 million cards at month end, effective next month.",
        "batch",
        "定期、大量且不需即時，批次預測最有效率。",
        "Periodic, bulk and not urgent: batch prediction is most efficient.",
        ("online", "streaming", "edge"),
    ),
]

RELEASES = {
    "shadow": Category(
        "影子部署（shadow）",
        "Shadow deployment",
        "新模型接收真實流量並記錄預測，但結果不影響使用者",
        "the new model receives real traffic and logs predictions that do not affect users",
    ),
    "canary": Category(
        "金絲雀發布（canary）",
        "Canary release",
        "先把少量流量導向新模型，觀察無誤後逐步擴大",
        "routing a small share of traffic to the new model first and widening it as it proves sound",
    ),
    "ab": Category(
        "A/B 測試",
        "A/B test",
        "隨機分流比較新舊模型對業務指標的影響，並做統計檢定",
        "randomly splitting traffic to compare old and new models on business metrics, with statistical tests",
    ),
    "blue-green": Category(
        "藍綠部署",
        "Blue–green deployment",
        "同時維持新舊兩套完整環境，可一鍵切換與回復",
        "keeping two complete environments, old and new, to switch and switch back instantly",
    ),
    "rollback": Category(
        "立即回復到前一版模型",
        "Immediate rollback to the previous model",
        "發現嚴重問題時，先切回已知正常的版本再調查",
        "on a serious problem, switch back to the last known good version first, then investigate",
    ),
}
RELEASE_Q = ("最適合採用哪一種發布或處理方式？", "Which release or response strategy fits best?")
RELEASE_SCENARIOS = [
    Scenario(
        "risky-credit",
        E,
        "hard",
        "新的信用評分模型還沒有足夠的線上證據，團隊想先確認它在真實申請上的預測分布與舊模型差異，但不能讓它影響任何核貸決定。",
        "A new credit model lacks live evidence; the team wants to see how its predictions on real applications differ from the old model's without affecting any decision.",
        "shadow",
        "影子部署讓新模型處理真實流量而不影響決策，最安全。",
        "Shadow deployment processes real traffic without affecting decisions: safest.",
        ("canary", "ab", "blue-green"),
    ),
    Scenario(
        "gradual",
        E,
        "medium",
        "新版搜尋排序模型已通過離線評估，團隊想先讓 5% 使用者使用，監測錯誤率與延遲，沒問題再逐步放大。",
        "A new search-ranking model passed offline evaluation; the team wants 5% of users on it first, watching errors and latency, then widening gradually.",
        "canary",
        "先小流量再逐步擴大，是金絲雀發布。",
        "Small traffic first, then gradual widening: a canary release.",
        ("shadow", "blue-green", "rollback"),
    ),
    Scenario(
        "prove-revenue",
        E,
        "hard",
        "行銷主管要求在全面採用前，以統計上可信的方式證明新推薦模型能提高每位使用者的營收。",
        "Before full adoption, the marketing head wants statistically credible proof that the new recommender raises revenue per user.",
        "ab",
        "隨機分流並比較業務指標的 A/B 測試，能提供因果性的證據。",
        "A randomised A/B test on business metrics gives causal evidence.",
        ("shadow", "canary", "blue-green"),
    ),
    Scenario(
        "instant-switch",
        E,
        "medium",
        "客服平台每次更新模型都需要零停機，且萬一出錯必須能在一分鐘內切回舊版。",
        "A support platform needs zero-downtime model updates and must be able to switch back within a minute if anything goes wrong.",
        "blue-green",
        "藍綠部署維持兩套環境，可立即切換與回復。",
        "Blue–green keeps two environments for instant switching and switching back.",
        ("canary", "ab", "shadow"),
    ),
    Scenario(
        "bad-release",
        E,
        "easy",
        "新模型上線一小時後，客訴大量增加，監控顯示誤擋正常交易的比例暴增三倍。",
        "An hour after a new model went live, complaints soar and monitoring shows false blocks of genuine transactions have tripled.",
        "rollback",
        "嚴重影響使用者時應先回復到已知正常的版本，止血後再調查原因。",
        "With users seriously affected, roll back to the last good version first, then investigate.",
        ("canary", "ab", "shadow"),
    ),
]


def _capacity_family() -> list[ItemSpec]:
    rng = random.Random("aicert-demo:3.3-capacity")
    specs: list[ItemSpec] = []
    for index in range(3):
        while True:
            rps = rng.choice([300, 450, 600, 800, 1200])
            latency_ms = rng.choice([80, 120, 150, 250])
            per = rng.choice([4, 8, 16])
            concurrent = rps * latency_ms / 1000
            needed = math.ceil(concurrent / per)
            cands = {
                needed,
                math.ceil(rps * latency_ms / per),
                math.ceil(rps / per),
                math.floor(concurrent / per),
            }
            if len(cands) == 4 and needed > 1:
                break
        specs.append(
            computed(
                f"3.3-capacity-{index + 1}",
                E,
                D,
                "apply",
                "hard",
                (
                    f"推論服務尖峰時每秒有 {rps} 個請求，每個請求平均處理 {latency_ms} 毫秒。每個模型執行個體最多可同時處理 {per} 個請求。依 Little 定律，尖峰時至少需要幾個執行個體？（不考慮備援）",
                    f"At peak an inference service receives {rps} requests a second, each taking {latency_ms} ms on average. Each model instance handles at most {per} requests at once. By Little's law, at least how many instances are needed at peak? (ignoring redundancy)",
                ),
                needed,
                (
                    f"同時處理中的請求數 = 到達率 × 處理時間 = {rps} × {latency_ms / 1000} 秒 = {concurrent:g}；{concurrent:g} ÷ {per} 無條件進位 = {needed}。",
                    f"Requests in flight = arrival rate × time = {rps} × {latency_ms / 1000} s = {concurrent:g}; {concurrent:g} ÷ {per}, rounded up = {needed}.",
                ),
                [
                    Mistake(
                        math.ceil(rps * latency_ms / per),
                        "忘了把毫秒換算成秒。",
                        "Milliseconds were not converted to seconds.",
                    ),
                    Mistake(
                        math.ceil(rps / per),
                        "沒有乘上處理時間，把每秒請求數當成同時處理數。",
                        "The processing time was ignored, treating requests per second as requests in flight.",
                    ),
                    Mistake(
                        math.floor(concurrent / per),
                        "應無條件進位；捨去會造成容量不足。",
                        "Round up; rounding down leaves too little capacity.",
                    ),
                ],
                places=0,
            )
        )
    for index in range(2):
        bins = ["低", "中", "高"]
        while True:
            exp = [round(rng.uniform(0.2, 0.5), 2) for _ in range(2)]
            exp.append(round(1 - sum(exp), 2))
            act = [round(rng.uniform(0.1, 0.6), 2) for _ in range(2)]
            act.append(round(1 - sum(act), 2))
            if min(exp) <= 0.05 or min(act) <= 0.05:
                continue
            psi = sum((a - e) * math.log(a / e) for a, e in zip(act, exp, strict=True))
            l1 = sum(abs(a - e) for a, e in zip(act, exp, strict=True))
            noln = sum((a - e) for a, e in zip(act, exp, strict=True))
            half = sum((a - e) * math.log(a / e) for a, e in zip(act[:2], exp[:2], strict=True))
            cands = [psi, l1, half, sum((a - e) ** 2 for a, e in zip(act, exp, strict=True))]
            vals = sorted(cands)
            if (
                0.05 < psi < 0.6
                and min(b - a for a, b in zip(vals, vals[1:], strict=False)) >= 0.02
                and round(psi * 1000) % 10 != 5
            ):
                break
        del noln, bins
        rows_zh = "；".join(
            f"{n}：訓練時 {e:.0%}、本月 {a:.0%}"
            for n, e, a in zip(["低分段", "中分段", "高分段"], exp, act, strict=True)
        )
        rows_en = "; ".join(
            f"{n}: {e:.0%} in training, {a:.0%} this month"
            for n, e, a in zip(["low band", "middle band", "high band"], exp, act, strict=True)
        )
        verdict_zh = "一般以 0.1 以下為穩定、0.1–0.25 需留意、0.25 以上為顯著偏移"
        verdict_en = "by common rule of thumb, under 0.1 is stable, 0.1–0.25 worth watching, above 0.25 a significant shift"
        specs.append(
            computed(
                f"3.3-psi-{index + 1}",
                E,
                D,
                "apply",
                "hard",
                (
                    f"監控模型分數分布的偏移：{rows_zh}。母體穩定指數 PSI = Σ (本月 − 訓練) × ln(本月 ÷ 訓練) 約為多少？（取小數點後兩位）",
                    f"Monitoring a shift in a model's score distribution: {rows_en}. What is the population stability index PSI = Σ (actual − expected) × ln(actual ÷ expected), approximately? (two decimal places)",
                ),
                psi,
                (
                    f"逐段計算 (a − e) × ln(a/e) 後加總 ≈ {psi:.2f}；{verdict_zh}。",
                    f"Sum (a − e) × ln(a/e) over the bands ≈ {psi:.2f}; {verdict_en}.",
                ),
                [
                    Mistake(
                        l1,
                        "這是各分段比例差的絕對值總和，缺少對數項。",
                        "That is the sum of absolute differences, without the log term.",
                    ),
                    Mistake(half, "漏算了高分段。", "The high band was left out."),
                    Mistake(
                        sum((a - e) ** 2 for a, e in zip(act, exp, strict=True)),
                        "這是比例差的平方和，不是 PSI。",
                        "That is the sum of squared differences, not PSI.",
                    ),
                ],
            )
        )
    return specs


def _hand_written() -> list[ItemSpec]:
    return [
        single(
            "3.3-monitor",
            P,
            D,
            "apply",
            "medium",
            (
                "違約模型的真實標籤要 6 個月後才會知道。上線初期，最能及早發現問題的監控方式是？",
                "A default model's true labels arrive only after 6 months. Early on, which monitoring catches problems soonest?",
            ),
            [
                ok(
                    "監測輸入特徵與預測分數的分布是否偏離訓練時，以及資料品質（缺值、範圍）",
                    "標籤延遲時，分布與資料品質監控是最早的警訊。",
                    "Watch whether input features and prediction scores drift from training, and data quality (nulls, ranges)",
                    "With delayed labels, distribution and data-quality monitoring give the earliest warning.",
                ),
                no(
                    "等 6 個月後計算準確率即可",
                    "太晚發現問題。",
                    "Wait six months and compute accuracy",
                    "Far too late.",
                ),
                no(
                    "只監控伺服器 CPU 使用率",
                    "系統資源正常不代表模型正常。",
                    "Only server CPU usage",
                    "Healthy servers say nothing about the model.",
                ),
                no(
                    "不需要監控，模型不會改變",
                    "模型不變，但資料與環境會變。",
                    "No monitoring; the model does not change",
                    "The model stays fixed but the data and world change.",
                ),
            ],
        ),
        single(
            "3.3-registry",
            P,
            D,
            "understand",
            "medium",
            (
                "模型登錄庫（model registry）在 MLOps 中的主要功能是什麼？",
                "What does a model registry mainly do in MLOps?",
            ),
            [
                ok(
                    "集中管理模型版本及其中繼資料（訓練資料版本、指標、核准狀態），支援上線與回復",
                    "可追溯每個版本的來歷並控管哪個版本上線。",
                    "Central management of model versions with metadata (data version, metrics, approval status), supporting promotion and rollback",
                    "It traces each version's history and controls which goes live.",
                ),
                no(
                    "儲存使用者的登入帳號",
                    "與模型管理無關。",
                    "Storing users' login accounts",
                    "Unrelated to models.",
                ),
                no(
                    "自動產生訓練資料",
                    "登錄庫不產生資料。",
                    "Generating training data",
                    "It produces no data.",
                ),
                no(
                    "取代監控系統",
                    "登錄庫與監控互補，不能取代。",
                    "Replacing monitoring",
                    "It complements monitoring.",
                ),
            ],
        ),
        single(
            "3.3-retrain-trigger",
            P,
            D,
            "evaluate",
            "medium",
            (
                "關於模型何時該重新訓練，下列哪一種策略最恰當？",
                "Which strategy for deciding when to retrain a model is most appropriate?",
            ),
            [
                ok(
                    "結合定期排程與監控觸發（效能下降或分布偏移超過門檻），重新訓練後仍須驗證通過才能上線",
                    "兼顧規律更新與異常反應，並以驗證把關。",
                    "Combine a schedule with monitoring triggers (performance drop or drift over a threshold), and require the retrained model to pass validation before release",
                    "It balances regular refreshes with reacting to problems, with validation as the gate.",
                ),
                no(
                    "每天自動重新訓練並直接上線，不需驗證",
                    "未驗證的模型可能更差或學到錯誤資料。",
                    "Retrain daily and release automatically without validation",
                    "An unvalidated model may be worse or learn from bad data.",
                ),
                no(
                    "永遠不要重新訓練，以保持穩定",
                    "環境改變後模型會逐漸失準。",
                    "Never retrain, for stability",
                    "Models decay as the world changes.",
                ),
                no(
                    "只在主管要求時重新訓練",
                    "缺乏客觀依據。",
                    "Retrain only when a manager asks",
                    "No objective basis.",
                ),
            ],
        ),
        single(
            "3.3-container",
            P,
            D,
            "understand",
            "easy",
            (
                "把模型服務打包成容器（如 Docker 映像檔）部署的主要好處是什麼？",
                "What is the main benefit of packaging a model service as a container (e.g. a Docker image)?",
            ),
            [
                ok(
                    "把程式、相依套件與設定一起封裝，讓開發、測試與正式環境一致且可重現",
                    "避免「在我的電腦上可以跑」的環境差異問題。",
                    "Code, dependencies and configuration travel together, so development, test and production match and builds are reproducible",
                    "It avoids 'works on my machine' differences.",
                ),
                no(
                    "讓模型的準確率提高",
                    "容器不改變模型本身。",
                    "Higher model accuracy",
                    "Containers do not change the model.",
                ),
                no(
                    "不再需要任何測試",
                    "仍需測試。",
                    "No more testing needed",
                    "Testing is still needed.",
                ),
                no(
                    "自動標註訓練資料",
                    "與標註無關。",
                    "Automatic labelling of training data",
                    "Unrelated to labelling.",
                ),
            ],
        ),
        single(
            "3.3-reproducibility",
            P,
            D,
            "apply",
            "medium",
            (
                "稽核要求重現三個月前上線的模型。下列哪一組紀錄最關鍵？",
                "An audit asks to reproduce a model released three months ago. Which records matter most?",
            ),
            [
                ok(
                    "程式碼版本、訓練資料版本、超參數與隨機種子、相依套件版本",
                    "這些是重現訓練結果的必要條件。",
                    "The code version, training-data version, hyperparameters and random seeds, and dependency versions",
                    "These are what reproducing training requires.",
                ),
                no(
                    "開發人員的會議紀錄",
                    "無法重現模型。",
                    "Developers' meeting minutes",
                    "They cannot reproduce a model.",
                ),
                no("上線當天的天氣", "與重現無關。", "The weather on release day", "Irrelevant."),
                no(
                    "只有最終的模型檔",
                    "不足以說明模型如何產生。",
                    "Only the final model file",
                    "It does not show how the model was produced.",
                ),
            ],
        ),
        single(
            "3.3-log-predictions",
            P,
            D,
            "apply",
            "medium",
            (
                "模型上線時，為了之後能評估實際效能並重新訓練，最需要記錄哪些資料？",
                "When a model goes live, what most needs logging so real performance can be evaluated and the model retrained later?",
            ),
            [
                ok(
                    "每次預測的輸入特徵、模型版本、預測結果與時間，並在日後把實際結果（標籤）連結回來",
                    "有了預測當下的輸入與之後的真實結果，才能計算線上效能並產生新訓練資料。",
                    "Each prediction's input features, model version, output and time, later joined to the actual outcome (label)",
                    "Inputs at prediction time plus later outcomes let you measure live performance and build new training data.",
                ),
                no(
                    "只記錄每天的預測總數",
                    "無法評估正確與否。",
                    "Only the daily prediction count",
                    "It cannot show whether predictions were right.",
                ),
                no(
                    "只記錄預測錯誤的案件",
                    "不知道哪些錯誤需要真實結果，也會造成偏差。",
                    "Only the predictions that were wrong",
                    "You cannot know which are wrong without outcomes, and it biases the data.",
                ),
                no(
                    "不記錄，以節省儲存空間",
                    "失去評估與改進的依據。",
                    "Nothing, to save storage",
                    "It removes the basis for evaluation and improvement.",
                ),
            ],
        ),
        single(
            "3.3-input-validation",
            P,
            D,
            "apply",
            "medium",
            (
                "線上推論 API 偶爾收到欄位缺漏或數值超出範圍的請求，模型仍照樣輸出一個看似正常的分數。最恰當的改善是？",
                "An online inference API sometimes receives requests with missing fields or out-of-range values, and the model still returns a normal-looking score. What is the right fix?",
            ),
            [
                ok(
                    "在服務入口依訓練時的欄位定義驗證輸入，不合格的請求回傳明確錯誤或啟用備援規則，並記錄與監控發生頻率",
                    "模型對異常輸入仍會產生分數，必須在入口把關。",
                    "Validate inputs at the service entry against the training schema; reject bad requests with a clear error or fall back to a rule, and log and monitor how often it happens",
                    "A model will score garbage, so the entry point must guard it.",
                ),
                no(
                    "相信模型能自行處理任何輸入",
                    "模型不會判斷輸入是否合理。",
                    "Trust the model to handle any input",
                    "Models do not judge whether inputs make sense.",
                ),
                no(
                    "把缺漏欄位一律填 0 後繼續預測",
                    "0 可能是有意義的數值，會產生錯誤的分數。",
                    "Fill missing fields with 0 and carry on",
                    "0 may be meaningful and gives wrong scores.",
                ),
                no(
                    "關閉 API 的錯誤訊息以免使用者困惑",
                    "隱藏錯誤只會讓問題更難發現。",
                    "Hide API errors so users are not confused",
                    "Hiding errors makes problems harder to find.",
                ),
            ],
        ),
        single(
            "3.3-feedback-loop",
            E,
            D,
            "analyse",
            "hard",
            (
                "推薦系統只用「使用者點擊過的項目」重新訓練，一段時間後推薦內容越來越單一，新商品幾乎沒有曝光。最主要的原因與對策是？",
                "A recommender retrains only on what users clicked; over time its recommendations narrow and new products get almost no exposure. What is the main cause and remedy?",
            ),
            [
                ok(
                    "回饋迴圈：模型只從自己推薦的結果學習；應保留部分探索流量並修正曝光偏差",
                    "模型影響了自己的訓練資料，需要探索與去偏。",
                    "A feedback loop: the model learns only from what it showed; reserve some exploration traffic and correct for exposure bias",
                    "The model shapes its own training data, so explore and de-bias.",
                ),
                no(
                    "模型太小",
                    "模型大小不是根本原因。",
                    "The model is too small",
                    "Size is not the root cause.",
                ),
                no(
                    "伺服器效能不足",
                    "與推薦內容單一無關。",
                    "The servers are too slow",
                    "Unrelated to narrowing.",
                ),
                no(
                    "應停止重新訓練",
                    "停止更新會讓模型過時。",
                    "Stop retraining",
                    "The model would go stale.",
                ),
            ],
        ),
        single(
            "3.3-slo",
            E,
            D,
            "apply",
            "medium",
            (
                "為線上推論服務訂定服務水準目標（SLO），下列哪一組最完整？",
                "Setting service-level objectives (SLOs) for an online inference service, which set is most complete?",
            ),
            [
                ok(
                    "可用性（如 99.9%）、第 99 百分位延遲上限、錯誤率，以及模型品質的監控指標與告警門檻",
                    "同時涵蓋系統可靠性與模型品質。",
                    "Availability (e.g. 99.9%), a 99th-percentile latency limit, error rate, and model-quality metrics with alert thresholds",
                    "It covers both system reliability and model quality.",
                ),
                no(
                    "只看平均延遲",
                    "平均值會掩蓋尾端延遲。",
                    "Average latency only",
                    "Averages hide tail latency.",
                ),
                no(
                    "只看模型的離線準確率",
                    "不反映線上服務狀況。",
                    "Offline accuracy only",
                    "It says nothing about the live service.",
                ),
                no(
                    "只看每日請求總數",
                    "不是品質目標。",
                    "Daily request count only",
                    "Not a quality objective.",
                ),
            ],
        ),
        single(
            "3.3-quantise",
            E,
            D,
            "evaluate",
            "hard",
            (
                "要把影像模型部署到記憶體有限的邊緣裝置，團隊考慮把權重由 32 位元浮點數量化為 8 位元整數。最恰當的作法是？",
                "To deploy an image model on a memory-constrained edge device, the team considers quantising weights from 32-bit floats to 8-bit integers. What is the right approach?",
            ),
            [
                ok(
                    "量化可大幅縮小模型並加速推論，但須以代表性資料重新驗證準確度（必要時用量化感知訓練），並在目標硬體上實測",
                    "量化是效能與準確度的取捨，必須實測。",
                    "Quantisation shrinks the model a lot and speeds inference, but re-validate accuracy on representative data (quantisation-aware training if needed) and test on the target hardware",
                    "It trades accuracy for efficiency and must be measured.",
                ),
                no(
                    "量化一定不會影響準確度，不需驗證",
                    "可能造成準確度下降。",
                    "Quantisation never affects accuracy, so no validation is needed",
                    "Accuracy can drop.",
                ),
                no(
                    "量化會讓模型變大",
                    "量化會縮小模型。",
                    "Quantisation makes the model bigger",
                    "It shrinks it.",
                ),
                no(
                    "邊緣裝置不能執行任何神經網路",
                    "許多邊緣裝置支援量化模型。",
                    "Edge devices cannot run neural networks",
                    "Many support quantised models.",
                ),
            ],
        ),
        single(
            "3.3-cicd",
            E,
            D,
            "apply",
            "hard",
            (
                "團隊想為機器學習建立持續整合與持續交付（CI/CD）。相較於一般軟體，下列哪一項是 ML 管線「額外」需要的檢查？",
                "A team is building CI/CD for machine learning. Compared with ordinary software, which check does an ML pipeline additionally need?",
            ),
            [
                ok(
                    "資料驗證（結構與分布）與模型驗證（在固定評估集上的指標不得低於門檻，且分群表現不退步）",
                    "ML 的行為由資料與模型決定，必須驗證兩者。",
                    "Data validation (schema and distribution) and model validation (metrics on a fixed evaluation set above thresholds, with no regression on slices)",
                    "ML behaviour depends on data and model, so both need checks.",
                ),
                no(
                    "程式碼風格檢查",
                    "一般軟體也有，不是 ML 額外需要的。",
                    "Code-style linting",
                    "Ordinary software has it too.",
                ),
                no(
                    "單元測試",
                    "一般軟體也需要。",
                    "Unit tests",
                    "Ordinary software needs them too.",
                ),
                no(
                    "版本控制",
                    "一般軟體也需要。",
                    "Version control",
                    "Ordinary software needs it too.",
                ),
            ],
        ),
        single(
            "3.3-cost",
            E,
            D,
            "evaluate",
            "hard",
            (
                "大型語言模型應用上線後，每月推論費用超出預算 60%。下列哪一組改善措施最有效且風險可控？",
                "An LLM application's monthly inference bill is 60% over budget. Which set of optimisations is most effective with controlled risk?",
            ),
            [
                ok(
                    "分析費用來源後，對簡單請求改用較小的模型（路由）、快取重複的回應、精簡提示與檢索內容，並以評估集確認品質不退步",
                    "依資料找出主要成本，再以可驗證的方式降低。",
                    "Analyse where the cost comes from, route simple requests to smaller models, cache repeated answers, trim prompts and retrieved context, and confirm quality on an evaluation set",
                    "Find the main costs from data, then cut them in verifiable ways.",
                ),
                no(
                    "直接把所有請求改用最便宜的模型",
                    "可能大幅降低品質。",
                    "Switch every request to the cheapest model",
                    "Quality may collapse.",
                ),
                no(
                    "限制每位使用者每天只能問一題",
                    "嚴重影響使用價值。",
                    "Limit each user to one question a day",
                    "It guts the product's value.",
                ),
                no(
                    "關閉所有監控以節省費用",
                    "監控費用很小，且關閉會失去控制。",
                    "Turn off monitoring to save money",
                    "Monitoring is cheap and needed for control.",
                ),
            ],
        ),
        single(
            "3.3-approval-gate",
            E,
            D,
            "apply",
            "medium",
            (
                "在受監理產業（如保險）中，模型從開發到上線，最適合放置「人工核准關卡」的位置是？",
                "In a regulated industry such as insurance, where does a human approval gate best sit between development and production?",
            ),
            [
                ok(
                    "自動驗證通過後、正式上線前，由獨立的模型風險或驗證團隊審閱文件與結果後核准",
                    "獨立審閱是模型風險管理的核心，並留下紀錄。",
                    "After automated validation passes and before production, with an independent model-risk or validation team reviewing documentation and results",
                    "Independent review is central to model risk management and leaves a record.",
                ),
                no(
                    "由開發者本人自行核准",
                    "缺乏獨立性。",
                    "The developer approves their own model",
                    "No independence.",
                ),
                no(
                    "上線一年後再補核准",
                    "事後核准失去把關作用。",
                    "Approve a year after launch",
                    "After-the-fact approval gates nothing.",
                ),
                no(
                    "不需要核准，自動化測試即可",
                    "受監理產業通常需要獨立審閱。",
                    "No approval; automated tests suffice",
                    "Regulated industries usually require independent review.",
                ),
            ],
        ),
        single(
            "3.3-llm-versioning",
            E,
            D,
            "analyse",
            "hard",
            (
                "應用呼叫的雲端大型語言模型 API 在某天無預警更新了底層模型，之後輸出格式常不符合程式預期。最好的預防措施是？",
                "A cloud LLM API silently updated its underlying model one day, after which its output often broke the application's expected format. What is the best prevention?",
            ),
            [
                ok(
                    "固定使用指定版本的模型（pin version）、以結構化輸出與驗證處理回應，並在升級前以評估集做回歸測試",
                    "把外部模型也視為需要版本控管與回歸測試的相依元件。",
                    "Pin a specific model version, use structured output with validation, and run regression tests on an evaluation set before upgrading",
                    "Treat the external model as a dependency needing version control and regression tests.",
                ),
                no(
                    "每次出錯時人工修正輸出",
                    "無法規模化且持續出錯。",
                    "Fix outputs by hand whenever they break",
                    "Does not scale and keeps failing.",
                ),
                no(
                    "改用較高的溫度",
                    "會讓格式更不穩定。",
                    "Raise the temperature",
                    "Formats become even less stable.",
                ),
                no(
                    "要求供應商永遠不要更新",
                    "不切實際。",
                    "Ask the vendor never to update",
                    "Unrealistic.",
                ),
            ],
        ),
        single(
            "3.3-monitor-llm",
            E,
            D,
            "apply",
            "medium",
            (
                "上線中的生成式 AI 客服，下列哪一組是最合適的持續監控指標？",
                "Which set of ongoing metrics best monitors a live generative AI support assistant?",
            ),
            [
                ok(
                    "抽樣評估的正確性與忠實度、轉真人比例、使用者回饋、拒答與安全事件率、延遲與每次對話成本",
                    "同時涵蓋品質、安全、體驗與成本。",
                    "Sampled correctness and faithfulness, hand-off rate, user feedback, refusal and safety-incident rates, latency and cost per conversation",
                    "It covers quality, safety, experience and cost.",
                ),
                no(
                    "只看每天的對話數量",
                    "量不代表品質。",
                    "Only the number of conversations per day",
                    "Volume is not quality.",
                ),
                no(
                    "只看模型的參數量",
                    "與線上品質無關。",
                    "Only the model's parameter count",
                    "Unrelated to live quality.",
                ),
                no(
                    "只看伺服器是否當機",
                    "系統正常不代表回答正確。",
                    "Only whether the servers are up",
                    "Uptime does not mean correct answers.",
                ),
            ],
        ),
        true_false(
            "3.3-tf-no-drift",
            E,
            D,
            "understand",
            "medium",
            (
                "只要輸入特徵的分布沒有改變，模型的效能就一定不會下降。",
                "As long as the input feature distribution does not change, model performance cannot degrade.",
            ),
            False,
            (
                "概念漂移時輸入分布可以不變，但輸入與結果的關係改變，效能仍會下降；需要監控實際結果。",
                "Under concept drift inputs can look the same while the input–outcome relation changes; monitor actual outcomes too.",
            ),
        ),
        multi(
            "3.3-mr-mlops",
            E,
            D,
            "apply",
            "medium",
            (
                "建立成熟的 MLOps 流程時，下列哪些是重要的組成？（選出所有正確者）",
                "Which of these are important parts of a mature MLOps process? (Select all that apply.)",
            ),
            [
                ok(
                    "資料與模型的版本控管",
                    "可追溯與重現。",
                    "Versioning of data and models",
                    "For traceability and reproducibility.",
                ),
                ok(
                    "自動化的訓練、驗證與部署管線",
                    "減少人為錯誤並加快迭代。",
                    "Automated training, validation and deployment pipelines",
                    "Fewer manual errors and faster iteration.",
                ),
                ok(
                    "上線後的效能與漂移監控",
                    "及早發現模型退化。",
                    "Post-launch performance and drift monitoring",
                    "Early warning of degradation.",
                ),
                ok(
                    "可快速回復的發布機制",
                    "出錯時能立即止血。",
                    "Release mechanisms that can roll back fast",
                    "Stop the damage quickly when things go wrong.",
                ),
                no(
                    "模型一旦上線就禁止修改",
                    "模型需要隨環境更新。",
                    "Freezing models once they are live",
                    "Models must be updated as the world changes.",
                ),
            ],
        ),
        matching(
            "3.3-match-release",
            E,
            D,
            "understand",
            "medium",
            (
                "請將每種發布策略對應到它的特點。",
                "Match each release strategy to its defining feature.",
            ),
            [
                (
                    ("影子部署", "Shadow deployment"),
                    ("接收真實流量但不影響使用者", "Receives real traffic without affecting users"),
                ),
                (
                    ("金絲雀發布", "Canary release"),
                    ("先小比例流量再逐步擴大", "Small share of traffic first, widened gradually"),
                ),
                (
                    ("A/B 測試", "A/B test"),
                    ("隨機分流並比較業務指標", "Random split comparing business metrics"),
                ),
                (
                    ("藍綠部署", "Blue–green deployment"),
                    ("兩套完整環境可立即切換", "Two full environments with instant switching"),
                ),
            ],
            distractors=[("資料增強", "Data augmentation")],
        ),
        ordering(
            "3.3-order-lifecycle",
            P,
            D,
            "understand",
            "medium",
            (
                "請排列模型從開發到維運的合理順序。",
                "Order a model's path from development to operations.",
            ),
            [
                (
                    "在訓練資料上訓練並以驗證資料調整",
                    "Train on training data and tune on validation data",
                ),
                (
                    "在保留測試集上做最終評估並登錄模型版本",
                    "Evaluate on the held-out test set and register the version",
                ),
                ("以影子部署或金絲雀發布上線", "Release via shadow or canary deployment"),
                ("監控效能、漂移與資料品質", "Monitor performance, drift and data quality"),
                ("依觸發條件重新訓練並再次驗證", "Retrain on triggers and validate again"),
            ],
        ),
        numeric(
            "3.3-num-availability",
            E,
            D,
            "apply",
            "medium",
            (
                "推論服務的可用性目標為 99.9%。以 30 天計，每月最多可以停機多少分鐘？",
                "An inference service targets 99.9% availability. Over 30 days, at most how many minutes of downtime are allowed?",
            ),
            43.2,
            0.1,
            unit=("分鐘", "minutes"),
            feedback=(
                "30 × 24 × 60 = 43,200 分鐘，× 0.1% = 43.2 分鐘。",
                "30 × 24 × 60 = 43,200 minutes × 0.1% = 43.2 minutes.",
            ),
        ),
        constructed(
            "3.3-cr-monitoring",
            E,
            D,
            "create",
            "hard",
            (
                "某銀行的信用卡盜刷偵測模型已上線。請設計它的監控與應變方案：要監控哪些指標（含標籤延遲的處理）、告警門檻如何設定、發生漂移或效能下降時的處理流程與權責。",
                "A bank's card-fraud model is live. Design its monitoring and response: which metrics (including how label delay is handled), how alert thresholds are set, and the process and responsibilities when drift or degradation occurs.",
            ),
            [
                (
                    ("監控指標", "Metrics"),
                    [
                        (0, ("只有系統指標或沒有。", "System metrics only, or none.")),
                        (
                            1,
                            (
                                "有模型指標但未處理標籤延遲。",
                                "Model metrics, but label delay ignored.",
                            ),
                        ),
                        (
                            2,
                            (
                                "涵蓋資料品質、輸入與分數分布（如 PSI）、延遲標籤到位後的精確率／召回率，以及業務指標（損失、誤擋率）。",
                                "Data quality, input and score distributions (e.g. PSI), precision/recall once labels arrive, and business metrics (losses, false blocks).",
                            ),
                        ),
                    ],
                ),
                (
                    ("告警門檻", "Alert thresholds"),
                    [
                        (0, ("未說明。", "Not explained.")),
                        (1, ("有門檻但無依據。", "Thresholds without rationale.")),
                        (
                            2,
                            (
                                "以基準期的變異與業務容忍度訂定，區分警示與緊急等級。",
                                "Set from baseline variation and business tolerance, with warning and critical levels.",
                            ),
                        ),
                    ],
                ),
                (
                    ("應變流程", "Response process"),
                    [
                        (0, ("未說明。", "Not explained.")),
                        (1, ("只說要重新訓練。", "Only 'retrain'.")),
                        (
                            2,
                            (
                                "包含調查原因（管線、漂移類型）、暫時措施（調整門檻、回復版本）、重新訓練與驗證、權責與紀錄。",
                                "Investigate the cause (pipeline, drift type), interim measures (threshold change, rollback), retrain and validate, owners and records.",
                            ),
                        ),
                    ],
                ),
            ],
        ),
    ]


def items() -> list[ItemSpec]:
    return [
        *classify("3.3-drift", D, DRIFTS, DRIFT_Q, DRIFT_SCENARIOS, cognitive="analyse"),
        *classify("3.3-serving", D, SERVING, SERVING_Q, SERVING_SCENARIOS, cognitive="apply"),
        *classify("3.3-release", D, RELEASES, RELEASE_Q, RELEASE_SCENARIOS, cognitive="evaluate"),
        *_capacity_family(),
        *_hand_written(),
    ]
