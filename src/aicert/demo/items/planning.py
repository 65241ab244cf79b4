"""5.1 Needs analysis and project planning: framing, business cases, prioritisation, delivery."""

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

D = "5.1"
A, P, E = "associate", "professional", "expert"

CRISP = {
    "business": Category(
        "商業理解",
        "Business understanding",
        "釐清業務目標、成功標準並轉成資料探勘目標與專案計畫",
        "clarifying business goals and success criteria and turning them into data-mining goals and a plan",
    ),
    "data-understanding": Category(
        "資料理解",
        "Data understanding",
        "初步蒐集、描述、探索資料並檢查資料品質",
        "collecting, describing and exploring the data and checking its quality for the first time",
    ),
    "preparation": Category(
        "資料準備",
        "Data preparation",
        "選擇、清理、整合、轉換資料並建立特徵，產出建模用資料集",
        "selecting, cleaning, integrating and transforming data and building features for modelling",
    ),
    "modelling": Category(
        "建立模型",
        "Modelling",
        "選擇建模技術、設計測試方式、訓練並調整模型",
        "choosing techniques, designing the test approach, training and tuning models",
    ),
    "evaluation": Category(
        "評估",
        "Evaluation",
        "從業務角度檢驗模型是否達成目標、檢討流程並決定下一步",
        "checking from the business side whether the model meets the goals, reviewing the process and deciding next steps",
    ),
    "deployment": Category(
        "部署",
        "Deployment",
        "規劃上線、監測與維護，並完成最終報告",
        "planning roll-out, monitoring and maintenance, and writing the final report",
    ),
}
CRISP_Q = (
    "依 CRISP-DM 流程，這項工作屬於哪一個階段？",
    "In CRISP-DM, which phase does this work belong to?",
)
CRISP_SCENARIOS = [
    Scenario(
        "define-churn",
        A,
        "easy",
        "專案經理訪談業務主管，確認「流失客戶」的定義，以及專案成功要達到的目標。",
        "The project manager interviews the sales director to pin down what 'churned customer' means and what the project must achieve to succeed.",
        "business",
        "定義問題與成功標準是商業理解階段的核心工作。",
        "Defining the problem and success criteria is the heart of business understanding.",
        ("data-understanding", "evaluation", "preparation"),
    ),
    Scenario(
        "first-plots",
        A,
        "easy",
        "資料分析師第一次拿到資料，逐一畫出各欄位的分布並計算缺值比例。",
        "An analyst receives the data for the first time and plots every field's distribution and computes missing-value rates.",
        "data-understanding",
        "初次描述、探索並檢查資料品質，屬資料理解。",
        "Describing and exploring the data and checking its quality for the first time is data understanding.",
        ("preparation", "modelling", "business"),
    ),
    Scenario(
        "merge-features",
        A,
        "easy",
        "工程師把會員、交易與客服三張表合併，補上缺值並計算「近 90 天消費次數」等欄位。",
        "An engineer joins the member, transaction and support tables, fills missing values and computes fields such as 'purchases in the last 90 days'.",
        "preparation",
        "整合、清理資料並建立特徵，屬資料準備。",
        "Integrating and cleaning data and building features is data preparation.",
        ("data-understanding", "modelling", "deployment"),
    ),
    Scenario(
        "try-models",
        A,
        "easy",
        "團隊分別訓練邏輯斯迴歸與隨機森林，並調整超參數。",
        "The team trains logistic regression and a random forest and tunes their hyperparameters.",
        "modelling",
        "選擇技術、訓練與調參屬建立模型。",
        "Choosing techniques, training and tuning is modelling.",
        ("evaluation", "preparation", "deployment"),
    ),
    Scenario(
        "business-check",
        A,
        "medium",
        "上線前，團隊與業務單位一起檢視模型結果是否達到當初訂下的成功標準，並回顧整個專案是否有遺漏。",
        "Before go-live, the team reviews with the business whether the model meets the success criteria set at the start and whether anything was missed.",
        "evaluation",
        "以業務目標檢驗結果並回顧流程，屬評估階段。",
        "Checking results against business goals and reviewing the process is evaluation.",
        ("modelling", "deployment", "business"),
    ),
    Scenario(
        "crm-monitor",
        A,
        "medium",
        "模型被整合進客戶關係管理系統，團隊同時規劃效能監測與定期更新的方式。",
        "The model is integrated into the CRM system and the team plans performance monitoring and regular updates.",
        "deployment",
        "規劃上線、監測與維護屬部署階段。",
        "Planning roll-out, monitoring and maintenance is deployment.",
        ("evaluation", "modelling", "preparation"),
    ),
    Scenario(
        "sparse-field",
        P,
        "medium",
        "分析師發現「合約到期日」只有 40% 的客戶有填寫，並把這個發現回報給專案發起人。",
        "An analyst finds that 'contract end date' is filled in for only 40% of customers and reports it to the sponsor.",
        "data-understanding",
        "驗證資料品質並回報問題，是資料理解階段的工作；處理缺值則是之後的資料準備。",
        "Verifying data quality and reporting problems is data understanding; treating the gaps comes later, in preparation.",
        ("preparation", "business", "evaluation"),
    ),
    Scenario(
        "dm-goal",
        P,
        "medium",
        "團隊把「流失率降低 5%」轉寫成「預測未來 90 天內會流失的客戶，在前 10% 名單中精確率至少 0.6」。",
        "The team turns 'cut churn by 5%' into 'predict customers who will churn in the next 90 days, with precision of at least 0.6 in the top 10% of the list'.",
        "business",
        "把業務目標轉成資料探勘目標與成功標準，屬商業理解。",
        "Turning a business goal into a data-mining goal with success criteria is business understanding.",
        ("evaluation", "modelling", "data-understanding"),
    ),
    Scenario(
        "go-back",
        P,
        "hard",
        "模型在測試集表現不錯，但業務單位指出它無法區分高價值與低價值客戶，團隊決定回頭蒐集消費金額資料。",
        "The model scores well on the test set, but the business points out it cannot tell high-value from low-value customers; the team decides to go back and collect spending data.",
        "evaluation",
        "依業務觀點檢討結果並決定下一步（包括回到前面階段），是評估階段的任務。",
        "Reviewing results from the business side and deciding next steps, including going back, is the evaluation phase.",
        ("modelling", "business", "data-understanding"),
    ),
    Scenario(
        "test-design",
        P,
        "hard",
        "在訓練任何模型之前，團隊決定以時間切分保留最後三個月作測試，其餘以 5 折交叉驗證調參。",
        "Before training any model, the team decides to hold out the last three months as a test set and tune with 5-fold cross-validation on the rest.",
        "modelling",
        "在 CRISP-DM 中，「產生測試設計」是建立模型階段的任務，雖然發生在訓練之前。",
        "In CRISP-DM, 'generate test design' is a task of the modelling phase, even though it happens before training.",
        ("evaluation", "preparation", "business"),
    ),
    Scenario(
        "final-report",
        P,
        "medium",
        "專案結束前，團隊撰寫最終報告，列出監測指標、負責人與模型重新訓練的條件。",
        "As the project closes, the team writes the final report listing monitoring metrics, owners and the conditions for retraining.",
        "deployment",
        "最終報告、監測與維護計畫屬部署階段的產出。",
        "The final report and the monitoring and maintenance plan are deployment outputs.",
        ("evaluation", "business", "modelling"),
    ),
    Scenario(
        "select-data",
        P,
        "medium",
        "團隊決定排除測試帳號與 2019 年以前的交易，並記錄排除的理由。",
        "The team decides to exclude test accounts and transactions before 2019, and records why.",
        "preparation",
        "選擇要納入的紀錄與欄位並記錄理由，是資料準備的「選擇資料」任務。",
        "Choosing which records and fields to include, and documenting why, is the 'select data' task of preparation.",
        ("data-understanding", "business", "modelling"),
    ),
]

APPROACHES = {
    "rules": Category(
        "規則式系統",
        "A rule-based system",
        "把已知、明確且穩定的規則寫成程式，結果可完全追溯",
        "writing known, explicit and stable rules into code, with fully traceable results",
    ),
    "ml": Category(
        "傳統機器學習模型",
        "A conventional machine-learning model",
        "從有標註的歷史資料學習預測或分類，適合大量、結構化的判斷",
        "learning to predict or classify from labelled history, suited to high-volume structured decisions",
    ),
    "genai": Category(
        "生成式 AI（大型語言模型）",
        "Generative AI (a large language model)",
        "理解與產生自然語言，適合撰寫、摘要、擷取非結構化文字",
        "understanding and producing natural language, suited to drafting, summarising and extracting from unstructured text",
    ),
    "non-ai": Category(
        "非 AI 方案（流程改善、系統整合或報表）",
        "A non-AI solution (process change, integration or reporting)",
        "問題的根源在流程或系統，不需要預測或生成",
        "the root cause lies in the process or systems, with nothing to predict or generate",
    ),
}
APPROACH_Q = (
    "對這個需求，最適合的解決方式是什麼？",
    "What is the most suitable way to meet this need?",
)
APPROACH_SCENARIOS = [
    Scenario(
        "overtime-pay",
        A,
        "easy",
        "人資部門需要依《勞動基準法》的公式計算每位員工的加班費。",
        "HR needs to calculate each employee's overtime pay by the formulas in the Labor Standards Act.",
        "rules",
        "計算規則由法規明確規定且穩定，寫成規則即可，結果可追溯也不會有預測誤差。",
        "The law fixes the formulas; encoding them as rules is exact and traceable, with no prediction error.",
        ("ml", "genai", "non-ai"),
    ),
    Scenario(
        "machine-failure",
        A,
        "easy",
        "工廠有三年的設備感測資料與故障紀錄，想提前一週預測哪些機台可能故障。",
        "A plant has three years of machine sensor data and failure records and wants to predict a week ahead which machines may fail.",
        "ml",
        "有標註的歷史資料、要做結構化預測，正是傳統機器學習的強項。",
        "Labelled history and a structured prediction are exactly what conventional ML is good at.",
        ("rules", "genai", "non-ai"),
    ),
    Scenario(
        "email-drafts",
        A,
        "easy",
        "客服人員希望系統先用親切的語氣起草回覆顧客的電子郵件，再由人員修改後寄出。",
        "Agents want the system to draft friendly replies to customer emails for them to edit and send.",
        "genai",
        "撰寫自然語言草稿是生成式 AI 的典型應用，並由人員把關。",
        "Drafting natural-language text is a typical generative AI use, with a person checking it.",
        ("rules", "ml", "non-ai"),
    ),
    Scenario(
        "copy-paste",
        A,
        "medium",
        "行政人員每天花兩小時把 ERP 資料手動複製到試算表，只為了產出一份固定格式的日報。",
        "An administrator spends two hours a day copying ERP data into a spreadsheet by hand, just to produce a fixed-format daily report.",
        "non-ai",
        "需求是固定報表，沒有要預測或生成的內容；系統整合或自動報表即可解決。",
        "The need is a fixed report with nothing to predict or generate; integration or an automated report solves it.",
        ("genai", "ml", "rules"),
    ),
    Scenario(
        "review-sentiment",
        P,
        "medium",
        "電商每月有 20 萬則商品評論，要分成 5 種固定的情緒類別，已有 2 萬則人工標註，且希望每則處理成本極低。",
        "A marketplace gets 200,000 reviews a month to sort into 5 fixed sentiment classes; 20,000 are already labelled and the cost per review must be tiny.",
        "ml",
        "類別固定、有大量標註且量大、重視單位成本，訓練一個分類模型最划算；大型語言模型可行但每則成本高得多。",
        "Fixed classes, plenty of labels, high volume and tight unit cost make a trained classifier the best value; an LLM would work but cost far more per review.",
        ("genai", "rules", "non-ai"),
    ),
    Scenario(
        "three-way-match",
        P,
        "medium",
        "財務部要核對已結構化的發票與採購單，確認供應商、金額與日期是否一致。",
        "Finance must check already-structured invoices against purchase orders for matching supplier, amount and date.",
        "rules",
        "資料已結構化、比對條件明確，用規則比對既準確又可稽核。",
        "The data is structured and the matching conditions explicit; rules are exact and auditable.",
        ("ml", "genai", "non-ai"),
    ),
    Scenario(
        "meeting-actions",
        P,
        "easy",
        "主管希望把一小時的會議逐字稿整理成決議事項與待辦清單。",
        "Managers want an hour-long meeting transcript turned into decisions and an action list.",
        "genai",
        "摘要非結構化長文並整理成清單，是大型語言模型擅長的工作。",
        "Summarising long unstructured text into lists is what LLMs are good at.",
        ("ml", "rules", "non-ai"),
    ),
    Scenario(
        "approval-wait",
        P,
        "hard",
        "主管要求「用 AI 加快請購審核」，但流程分析顯示申請平均在某位主管的信箱中等待三天才被處理。",
        "Management asks for 'AI to speed up purchase approvals', but process analysis shows requests wait three days on average in one manager's inbox.",
        "non-ai",
        "瓶頸是流程與授權設計（例如代理簽核、金額分級），導入 AI 無法解決等待問題。",
        "The bottleneck is process and delegation (deputies, approval thresholds); AI would not remove the wait.",
        ("ml", "genai", "rules"),
    ),
    Scenario(
        "card-fraud",
        E,
        "medium",
        "信用卡交易每秒 3,000 筆，須在 50 毫秒內判斷是否為盜刷，並有多年已確認的盜刷紀錄。",
        "Card transactions arrive at 3,000 per second and must be judged for fraud within 50 ms; there are years of confirmed fraud labels.",
        "ml",
        "高吞吐、低延遲、有標註的結構化判斷，最適合專門訓練的機器學習模型（常與規則並用）。",
        "High throughput, low latency and labelled structured decisions suit a purpose-trained ML model (often alongside rules).",
        ("genai", "rules", "non-ai"),
    ),
    Scenario(
        "subsidy-eligibility",
        E,
        "hard",
        "某補助的申請資格由法規逐條明定（年齡、所得、戶籍），每一個決定都必須能逐條說明並接受稽核。",
        "A subsidy's eligibility is set clause by clause in regulations (age, income, registered residence), and every decision must be explainable clause by clause and auditable.",
        "rules",
        "條件明確且須完全可追溯，規則式系統能精確對應法條；用模型反而引入不必要的誤差與解釋困難。",
        "Explicit criteria plus full traceability favour rules that mirror the clauses; a model would add needless error and opacity.",
        ("ml", "genai", "non-ai"),
    ),
    Scenario(
        "clinical-notes",
        E,
        "hard",
        "醫院想把格式各異的自由文字醫師紀錄轉成結構化欄位（診斷、用藥、過敏），每月約 3,000 份、沒有標註資料，結果由人員抽查確認。",
        "A hospital wants free-text physicians' notes in many formats turned into structured fields (diagnosis, medication, allergies): about 3,000 a month, no labelled data, with staff spot-checking results.",
        "genai",
        "非結構化、格式多變、無標註且量不大，以大型語言模型擷取並由人抽查最可行。",
        "Unstructured, varied, unlabelled and modest in volume: LLM extraction with human spot checks is the most practical.",
        ("ml", "rules", "non-ai"),
    ),
    Scenario(
        "contract-sales",
        E,
        "hard",
        "業務部要求導入「AI 銷售預測」，但分析顯示營收幾乎全來自長期合約，未來半年的出貨已記錄在客戶關係管理系統中。",
        "Sales asks for 'AI sales forecasting', but analysis shows revenue comes almost entirely from long-term contracts whose next six months of deliveries are already in the CRM.",
        "non-ai",
        "未來營收已是已知資料，從系統產出報表即可；建模預測已知的東西只會增加成本與誤差。",
        "Future revenue is already known; a report from the CRM does it. Modelling what is known only adds cost and error.",
        ("ml", "genai", "rules"),
    ),
]

SOURCING = {
    "saas": Category(
        "採用現成的 SaaS AI 產品",
        "Adopt an off-the-shelf SaaS AI product",
        "需求普遍、市場已有成熟產品，且非核心競爭力",
        "a common need with mature products on the market, and not a core differentiator",
    ),
    "api-rag": Category(
        "呼叫基礎模型 API 並結合檢索增強生成（RAG）",
        "Call a foundation-model API with retrieval-augmented generation (RAG)",
        "需要以企業自有且常更新的知識回答問題，希望快速上線",
        "answering from the organisation's own, frequently updated knowledge, and going live fast",
    ),
    "fine-tune": Category(
        "微調既有模型",
        "Fine-tune an existing model",
        "需要模型穩定遵循特定格式、語氣或領域任務，且已有足量高品質範例",
        "the model must reliably follow a specific format, tone or domain task, and enough high-quality examples exist",
    ),
    "build": Category(
        "自建並訓練專屬模型",
        "Build and train a proprietary model",
        "屬核心競爭力、擁有獨特的大量資料與足夠的團隊能力",
        "a core competitive capability, backed by unique data at scale and a capable team",
    ),
}
SOURCING_Q = (
    "考量能力、成本與差異化，最適合的取得方式是？",
    "Weighing capability, cost and differentiation, which sourcing option fits best?",
)
SOURCING_SCENARIOS = [
    Scenario(
        "sme-minutes",
        P,
        "easy",
        "一家 30 人的貿易公司想自動產生會議紀錄，公司沒有任何 AI 人員，需求與一般企業相同。",
        "A 30-person trading company wants automatic meeting minutes; it has no AI staff and its needs are like any other firm's.",
        "saas",
        "需求普遍、無差異化且缺乏技術人員，採用成熟的 SaaS 產品最快最省。",
        "A common, non-differentiating need and no technical staff: a mature SaaS product is quickest and cheapest.",
        ("api-rag", "fine-tune", "build"),
    ),
    Scenario(
        "policy-terms",
        P,
        "medium",
        "保險公司想讓業務員查詢 3,000 頁保單條款，條款每季更新，回答必須引用出處。",
        "An insurer wants agents to query 3,000 pages of policy terms that change quarterly, with answers citing their source.",
        "api-rag",
        "知識量大且常更新、需引用出處，RAG 可直接檢索最新文件；微調無法跟上更新也難以引用。",
        "Large, changing knowledge with citations suits RAG over the latest documents; fine-tuning cannot keep up or cite.",
        ("fine-tune", "saas", "build"),
    ),
    Scenario(
        "fab-yield",
        P,
        "hard",
        "半導體廠想以自有的製程感測資料預測良率，這是其核心競爭力，並有堅強的資料科學團隊。",
        "A chip fab wants to predict yield from its own process-sensor data; this is core to its competitiveness, and it has a strong data-science team.",
        "build",
        "獨特資料、核心競爭力與足夠能力三者兼具，自建模型能保有差異化與智慧財產。",
        "Unique data, a core capability and a capable team: building in-house keeps the differentiation and IP.",
        ("saas", "api-rag", "fine-tune"),
    ),
    Scenario(
        "complaint-classes",
        E,
        "hard",
        "銀行要把客訴分到 40 個內部類別，已有 5 萬筆人工標註的歷史客訴，且基於法規必須在地端執行。",
        "A bank must sort complaints into 40 internal categories; it has 50,000 labelled past complaints and regulation requires on-premise processing.",
        "fine-tune",
        "任務固定、標註充足且須地端執行，微調一個可在地端部署的較小模型最合適。",
        "A fixed task, ample labels and on-premise hosting point to fine-tuning a smaller model that runs locally.",
        ("api-rag", "saas", "build"),
    ),
    Scenario(
        "house-format",
        E,
        "hard",
        "企業需要模型穩定輸出特定格式與語氣的產品說明，已有 8,000 組高品質的「輸入–理想輸出」範例，內容知識本身很少變動。",
        "A company needs product descriptions in a fixed format and tone every time; it has 8,000 high-quality input–ideal-output pairs, and the underlying knowledge rarely changes.",
        "fine-tune",
        "要學的是穩定的格式與語氣而非最新知識，且有足量範例，微調比單靠提示或 RAG 更穩定。",
        "What must be learned is a stable format and tone, not fresh knowledge, and there are plenty of examples: fine-tuning is steadier than prompting or RAG alone.",
        ("api-rag", "saas", "build"),
    ),
    Scenario(
        "marketing-copy",
        E,
        "medium",
        "連鎖零售想為電子報撰寫一般性的行銷文案，這不是其核心能力，希望一個月內開始使用。",
        "A retail chain wants generic newsletter marketing copy; this is not its core capability and it wants to start within a month.",
        "saas",
        "一般性需求、非核心且要快速上線，現成產品最合適；自建或微調的投入不划算。",
        "A generic, non-core need that must start fast suits an existing product; building or fine-tuning would not pay off.",
        ("fine-tune", "build", "api-rag"),
    ),
    Scenario(
        "weekly-manuals",
        E,
        "medium",
        "製造商想做內部技術支援聊天機器人，依據每週都會更新的維修手冊回答，並須顯示引用的手冊段落。",
        "A manufacturer wants an internal tech-support chatbot that answers from maintenance manuals updated weekly and shows the passages it cites.",
        "api-rag",
        "知識每週更新且需引用段落，RAG 只要更新索引即可；微調每週重訓成本高且無法引用。",
        "Weekly updates and citations suit RAG, which only needs its index refreshed; weekly fine-tuning is costly and cannot cite.",
        ("fine-tune", "saas", "build"),
    ),
    Scenario(
        "ride-pricing",
        E,
        "hard",
        "叫車平台的動態定價直接決定營收與市占，擁有獨家的即時供需資料與數十人的資料團隊。",
        "A ride-hailing platform's dynamic pricing drives its revenue and market share; it has exclusive real-time supply and demand data and a data team of dozens.",
        "build",
        "定價是核心差異化能力，有獨家資料與團隊，自建可持續改進並保有競爭優勢。",
        "Pricing is the core differentiator, and with exclusive data and a team, building in-house keeps improving it and keeps the edge.",
        ("saas", "api-rag", "fine-tune"),
    ),
]

USE_CASES = [
    ("發票自動辨識", "invoice recognition"),
    ("客服知識問答", "customer-service Q&A"),
    ("設備預測保養", "predictive maintenance"),
    ("銷售需求預測", "sales demand forecasting"),
    ("合約條款審閱", "contract clause review"),
    ("履歷初步篩選", "CV pre-screening"),
    ("產品瑕疵檢測", "product defect detection"),
    ("會議紀錄摘要", "meeting-minute summaries"),
]
CONTEXTS = [
    (
        "AI 客服機器人",
        "an AI customer-service bot",
        "減少客服人力與外包費用",
        "lower staffing and outsourcing costs",
    ),
    (
        "發票自動辨識",
        "automatic invoice recognition",
        "減少人工登打工時",
        "fewer hours of manual keying",
    ),
    (
        "生產排程最佳化",
        "production scheduling optimisation",
        "減少加班與換線成本",
        "less overtime and changeover cost",
    ),
    (
        "AI 瑕疵檢測",
        "AI defect detection",
        "減少客訴退貨與人工目檢",
        "fewer returns and manual inspections",
    ),
    (
        "文件摘要助理",
        "a document-summary assistant",
        "節省專員閱讀時間",
        "time saved for specialists' reading",
    ),
    (
        "需求預測模型",
        "a demand-forecasting model",
        "降低庫存與報廢損失",
        "lower inventory and write-offs",
    ),
    (
        "智慧語音轉寫",
        "speech-to-text transcription",
        "減少逐字稿外包費用",
        "lower transcription outsourcing fees",
    ),
    ("自動化報價系統", "automated quoting", "縮短報價時間並減少錯誤", "faster, error-free quoting"),
    (
        "員工知識問答",
        "an employee knowledge assistant",
        "減少內部詢問的處理工時",
        "fewer hours answering internal questions",
    ),
]


def _business_case_family() -> list[ItemSpec]:
    rng = random.Random("aicert-demo:5.1-case")
    contexts = list(CONTEXTS)
    rng.shuffle(contexts)
    specs: list[ItemSpec] = []
    # Payback (months) for associates.
    for index, (zh, en, why_zh, why_en) in enumerate(contexts[:3]):
        build = rng.choice([120, 150, 180, 240])
        run = rng.choice([24, 30, 36, 48])
        save = rng.choice([120, 144, 168, 180])
        months = 12 * build / (save - run)
        specs.append(
            computed(
                f"5.1-payback-{index + 1}",
                A,
                D,
                "apply",
                "medium",
                (
                    f"公司評估導入{zh}：一次性建置成本 {build} 萬元，每年維運成本 {run} 萬元，預估每年可{why_zh}共 {save} 萬元。回收期約為幾個月？（取小數點後一位）",
                    f"A company is considering {en}: a one-off build cost of NT${build * 10000:,}, running costs of NT${run * 10000:,} a year, and expected savings ({why_en}) of NT${save * 10000:,} a year. About how many months is the payback period? (one decimal place)",
                ),
                months,
                (
                    f"每年淨效益 = {save} − {run} = {save - run} 萬元；回收期 = {build} ÷ {save - run} × 12 ≈ {months:.1f} 個月。",
                    f"Net annual benefit = {save} − {run} = {save - run} (×NT$10,000); payback = {build} ÷ {save - run} × 12 ≈ {months:.1f} months.",
                ),
                [
                    Mistake(
                        12 * build / save,
                        "忽略了每年的維運成本，只用毛效益計算，會低估回收期。",
                        "Running costs were ignored; using gross savings understates the payback.",
                    ),
                    Mistake(
                        12 * (build + run) / save,
                        "把第一年維運成本加到建置成本，卻仍以毛效益相除，兩邊不一致。",
                        "Adding one year's running cost to the build while dividing by gross savings mixes the two inconsistently.",
                    ),
                    Mistake(
                        build / (save - run),
                        "這是以「年」為單位的回收期，題目問的是月。",
                        "That is the payback in years; the question asks for months.",
                    ),
                    Mistake(
                        12 * (save - run) / build,
                        "把分子分母倒過來了：回收期是成本除以每期淨效益。",
                        "Upside down: payback is cost divided by net benefit per period.",
                    ),
                ],
                places=1,
                unit=(" 個月", " months"),
            )
        )
    # Three-year ROI for professionals.
    for index, (zh, en, why_zh, why_en) in enumerate(contexts[3:6]):
        build = rng.choice([200, 250, 300, 400])
        run = rng.choice([40, 50, 60, 80])
        save = rng.choice([180, 200, 240, 260])
        cost = build + 3 * run
        roi = (3 * save - cost) / cost
        specs.append(
            computed(
                f"5.1-roi-{index + 1}",
                P,
                D,
                "apply",
                "medium",
                (
                    f"{zh}專案的一次性成本 {build} 萬元，每年維運 {run} 萬元，每年效益（{why_zh}）{save} 萬元。以三年期、不折現計算，投資報酬率（ROI = 淨效益 ÷ 總成本）為多少？",
                    f"A project for {en} costs NT${build * 10000:,} up front and NT${run * 10000:,} a year to run, with benefits ({why_en}) of NT${save * 10000:,} a year. Over three years, undiscounted, what is the ROI (net benefit ÷ total cost)?",
                ),
                roi,
                (
                    f"三年總成本 = {build} + 3×{run} = {cost}；三年效益 = 3×{save} = {3 * save}；ROI = ({3 * save} − {cost}) ÷ {cost} ≈ {roi:.1%}。",
                    f"Three-year cost = {build} + 3×{run} = {cost}; benefit = 3×{save} = {3 * save}; ROI = ({3 * save} − {cost}) ÷ {cost} ≈ {roi:.1%}.",
                ),
                [
                    Mistake(
                        (3 * save - build) / build,
                        "漏算了三年的維運成本，報酬率被高估。",
                        "Three years of running costs were left out, inflating the ROI.",
                    ),
                    Mistake(
                        3 * save / cost,
                        "這是效益成本比（效益 ÷ 成本），不是投資報酬率（需先扣除成本）。",
                        "That is the benefit–cost ratio (benefit ÷ cost), not ROI, which subtracts the cost first.",
                    ),
                    Mistake(
                        (save - run - build) / (build + run),
                        "只算了第一年，題目要求三年期。",
                        "Only the first year was counted; the question asks for three years.",
                    ),
                    Mistake(
                        (3 * save - cost) / (3 * save),
                        "分母用了效益而非成本。",
                        "The denominator used the benefit instead of the cost.",
                    ),
                ],
                places=1,
                percent=True,
            )
        )
    # Net present value for experts.
    for index, (zh, en, why_zh, why_en) in enumerate(contexts[6:9]):
        build = rng.choice([300, 400, 500])
        net = rng.choice([180, 200, 220, 250])
        rate = rng.choice([0.05, 0.08, 0.10])
        npv = -build + sum(net / (1 + rate) ** t for t in (1, 2, 3))
        specs.append(
            computed(
                f"5.1-npv-{index + 1}",
                E,
                D,
                "apply",
                "hard",
                (
                    f"{zh}專案期初投入 {build} 萬元，之後三年每年年底的淨現金流入（{why_zh}，已扣維運）為 {net} 萬元，折現率 {rate:.0%}。此專案的淨現值（NPV）約為多少萬元？",
                    f"A project for {en} needs NT${build * 10000:,} up front and then yields net cash inflows ({why_en}, after running costs) of NT${net * 10000:,} at the end of each of three years, at a {rate:.0%} discount rate. What is its NPV, in units of NT$10,000?",
                ),
                npv,
                (
                    f"NPV = −{build} + {net}/(1+{rate}) + {net}/(1+{rate})² + {net}/(1+{rate})³ ≈ {npv:.1f} 萬元。",
                    f"NPV = −{build} + {net}/(1+{rate}) + {net}/(1+{rate})² + {net}/(1+{rate})³ ≈ {npv:.1f}.",
                ),
                [
                    Mistake(
                        3 * net - build,
                        "沒有折現：未來的錢不等於今天的錢。",
                        "No discounting: money in the future is worth less than money today.",
                    ),
                    Mistake(
                        -build + sum(net / (1 + rate) ** t for t in (0, 1, 2)),
                        "折現期數從 0 開始，等於把年底的現金流當作期初收到。",
                        "Discounting from period 0 treats year-end cash flows as if received at the start.",
                    ),
                    Mistake(
                        -build + 3 * net / (1 + rate) ** 3,
                        "把三年的現金流全部以第三年折現。",
                        "All three years' flows were discounted as if received in year three.",
                    ),
                    Mistake(
                        -build + 3 * net / (1 + rate),
                        "把三年的現金流全部只折現一年。",
                        "All three years' flows were discounted by one year only.",
                    ),
                ],
                places=1,
            )
        )
    return specs


def _priority_family() -> list[ItemSpec]:
    """Which use case scores highest on a weighted impact/feasibility scorecard."""
    rng = random.Random("aicert-demo:5.1-priority")
    specs = []
    for index in range(5):
        while True:
            cases = rng.sample(USE_CASES, 4)
            scores = [(rng.randint(1, 5), rng.randint(1, 5)) for _ in cases]
            w = rng.choice([(0.7, 0.3), (0.6, 0.4), (0.3, 0.7), (0.4, 0.6)])
            weighted = [round(w[0] * i + w[1] * f, 2) for i, f in scores]
            plain = [i + f for i, f in scores]
            imp = [i for i, _ in scores]
            feas = [f for _, f in scores]

            def top(values):
                best = max(values)
                return values.index(best) if values.count(best) == 1 else None

            winners = [top(weighted), top(plain), top(imp), top(feas)]
            main = [winners[0], winners[2], winners[3]]
            if None not in main and len(set(main)) == 3:
                break
        best = winners[0]
        rows_zh = "；".join(
            f"{c[0]}（價值 {i}、可行性 {f}）" for c, (i, f) in zip(cases, scores, strict=True)
        )
        rows_en = "; ".join(
            f"{c[1]} (value {i}, feasibility {f})" for c, (i, f) in zip(cases, scores, strict=True)
        )
        options = []
        for k, (c, (i, f)) in enumerate(zip(cases, scores, strict=True)):
            calc_zh = f"{w[0]}×{i} + {w[1]}×{f} = {weighted[k]:.1f}"
            if k == best:
                options.append(
                    ok(
                        c[0],
                        f"加權分數 {calc_zh}，為四者最高。",
                        c[1],
                        f"Weighted score {calc_zh}, the highest of the four.",
                    )
                )
            elif k == winners[1] and k not in (winners[2], winners[3]):
                options.append(
                    no(
                        c[0],
                        f"未加權總分 {i + f} 最高，但題目要求加權：{calc_zh}，低於 {weighted[best]:.1f}。",
                        c[1],
                        f"It has the highest unweighted total ({i + f}), but the question weights the criteria: {calc_zh}, below {weighted[best]:.1f}.",
                    )
                )
            elif k == winners[2]:
                options.append(
                    no(
                        c[0],
                        f"只看價值最高，忽略了可行性；加權分數 {calc_zh}，低於 {weighted[best]:.1f}。",
                        c[1],
                        f"Highest value only, ignoring feasibility; weighted score {calc_zh}, below {weighted[best]:.1f}.",
                    )
                )
            elif k == winners[3]:
                options.append(
                    no(
                        c[0],
                        f"只看可行性最高，忽略了價值；加權分數 {calc_zh}，低於 {weighted[best]:.1f}。",
                        c[1],
                        f"Highest feasibility only, ignoring value; weighted score {calc_zh}, below {weighted[best]:.1f}.",
                    )
                )
            else:
                options.append(
                    no(
                        c[0],
                        f"加權分數 {calc_zh}，低於 {weighted[best]:.1f}。",
                        c[1],
                        f"Weighted score {calc_zh}, below {weighted[best]:.1f}.",
                    )
                )
        level = P if index < 3 else E
        specs.append(
            single(
                f"5.1-priority-{index + 1}",
                level,
                D,
                "apply" if level == P else "evaluate",
                "medium" if level == P else "hard",
                (
                    f"AI 推動小組以 1–5 分評估候選應用，優先序分數 = {w[0]} × 業務價值 + {w[1]} × 可行性。候選：{rows_zh}。應優先推動哪一項？",
                    f"An AI steering group scores candidate use cases from 1 to 5, with priority = {w[0]} × business value + {w[1]} × feasibility. Candidates: {rows_en}. Which should go first?",
                ),
                options,
                order="fixed",
            )
        )
    return specs


def _error_cost_family() -> list[ItemSpec]:
    """The monthly cost of errors of the cheaper of two models, with asymmetric error costs."""
    rng = random.Random("aicert-demo:5.1-errcost")
    settings = [
        (
            "詐欺交易偵測",
            "fraud detection",
            "誤擋正常交易，需客服處理且客戶不滿",
            "blocking a genuine transaction, with support work and annoyed customers",
            "漏掉詐欺交易，損失交易金額",
            "missing a fraudulent one, losing the amount",
        ),
        (
            "產品瑕疵檢測",
            "defect detection",
            "把良品判為瑕疵，需人工複檢",
            "flagging a good part, which needs manual re-inspection",
            "漏掉瑕疵品，造成客訴與退貨",
            "missing a defect, causing a complaint and a return",
        ),
        (
            "貸款違約預測",
            "loan-default prediction",
            "拒絕會按時還款的客戶，損失利息收入",
            "refusing a customer who would repay, losing interest",
            "核准會違約的客戶，形成呆帳",
            "approving one who defaults, creating a bad debt",
        ),
        (
            "設備故障預警",
            "machine-failure alert",
            "誤報，造成不必要的停機檢查",
            "a false alarm, causing needless downtime for a check",
            "漏報，造成非計畫停機",
            "a missed failure, causing unplanned downtime",
        ),
        (
            "保險理賠詐欺篩查",
            "insurance-claim fraud screening",
            "誤判正常理賠，帶來調查成本與延遲",
            "flagging a genuine claim, with investigation cost and delay",
            "漏掉詐欺理賠，造成不當給付",
            "missing a fraudulent claim, causing a wrongful payout",
        ),
        (
            "客戶流失預警",
            "churn-alert",
            "對不會流失的客戶發送優惠，花掉優惠成本",
            "sending an offer to a customer who would stay, wasting the offer",
            "漏掉會流失的客戶，失去其年營收",
            "missing a customer who leaves, losing a year's revenue",
        ),
    ]
    specs = []
    for index, (zh, en, fp_zh, fp_en, fn_zh, fn_en) in enumerate(settings):
        while True:
            c_fp = rng.choice([1, 2, 3, 5])
            c_fn = rng.choice([20, 30, 40, 50])
            a = (rng.randint(20, 90), rng.randint(5, 30))
            b = (rng.randint(20, 90), rng.randint(5, 30))
            cost_a = a[0] * c_fp + a[1] * c_fn
            cost_b = b[0] * c_fp + b[1] * c_fn
            # The cheaper model must make more errors in total, so counting errors misleads.
            cheap, dear = (a, b) if cost_a < cost_b else (b, a)
            if cost_a != cost_b and sum(cheap) > sum(dear) and abs(cost_a - cost_b) >= 30:
                break
        cost = min(cost_a, cost_b)
        swapped = min(a[0] * c_fn + a[1] * c_fp, b[0] * c_fn + b[1] * c_fp)
        level = P if index < 3 else E
        specs.append(
            computed(
                f"5.1-errcost-{index + 1}",
                level,
                D,
                "analyse",
                "medium" if level == P else "hard",
                (
                    f"兩個{zh}模型每月在相同資料上的錯誤如下：模型甲偽陽性 {a[0]} 次、偽陰性 {a[1]} 次；模型乙偽陽性 {b[0]} 次、偽陰性 {b[1]} 次。每次偽陽性（{fp_zh}）成本 {c_fp} 千元，每次偽陰性（{fn_zh}）成本 {c_fn} 千元。選擇錯誤成本較低的模型後，每月錯誤成本為多少千元？",
                    f"Two {en} models make these errors per month on the same data: model A has {a[0]} false positives and {a[1]} false negatives; model B has {b[0]} and {b[1]}. A false positive ({fp_en}) costs NT${c_fp},000; a false negative ({fn_en}) costs NT${c_fn},000. Choosing the model with the lower cost of errors, what is its monthly cost, in thousands of NT dollars?",
                ),
                cost,
                (
                    f"甲：{a[0]}×{c_fp} + {a[1]}×{c_fn} = {cost_a}；乙：{b[0]}×{c_fp} + {b[1]}×{c_fn} = {cost_b}；較低者為 {cost}。注意它的錯誤「次數」反而較多。",
                    f"A: {a[0]}×{c_fp} + {a[1]}×{c_fn} = {cost_a}; B: {b[0]}×{c_fp} + {b[1]}×{c_fn} = {cost_b}; the lower is {cost}. Note it makes more errors in number.",
                ),
                [
                    Mistake(
                        max(cost_a, cost_b),
                        "這是錯誤次數較少的模型的成本；偽陰性代價高，次數少不代表成本低。",
                        "That is the cost of the model with fewer errors; false negatives are expensive, so fewer errors need not mean lower cost.",
                    ),
                    Mistake(
                        swapped,
                        "把偽陽性與偽陰性的單位成本對調了。",
                        "The unit costs of false positives and false negatives were swapped.",
                    ),
                    Mistake(
                        sum(cheap) * (c_fp + c_fn) / 2,
                        "把所有錯誤視為同樣代價（取平均成本），忽略了兩類錯誤的成本差異。",
                        "Every error was given the same average cost, ignoring the difference between the two kinds.",
                    ),
                    Mistake(
                        abs(cost_a - cost_b),
                        "這是兩個模型的成本差，不是所選模型的成本。",
                        "That is the difference between the models, not the chosen model's cost.",
                    ),
                ],
                places=0,
            )
        )
    return specs


def _labelling_family() -> list[ItemSpec]:
    rng = random.Random("aicert-demo:5.1-label")
    jobs = [
        ("張產品照片的瑕疵框選", "product photos for defect boxes", 40, 90),
        ("則客服對話的意圖分類", "support chats for intent", 20, 45),
        ("份合約條款的類型標註", "contract clauses for type", 60, 120),
        ("段語音的逐字轉寫校對", "speech clips for transcript checks", 90, 180),
    ]
    specs = []
    for index, (zh, en, lo, hi) in enumerate(jobs):
        n = rng.choice([6000, 8000, 9000, 12000])
        sec = rng.choice(range(lo, hi + 1, 5))
        hours = rng.choice([6, 7])
        days = n * sec * 2 / 3600 / hours
        level = A if index < 2 else P
        specs.append(
            computed(
                f"5.1-label-{index + 1}",
                level,
                D,
                "apply",
                "easy" if level == A else "medium",
                (
                    f"專案需要標註 {n:,} {zh}，每筆平均需 {sec} 秒，為確保品質每筆由 2 位標註員各自標註。每位標註員每天有效工時 {hours} 小時，共需約多少「人日」？",
                    f"A project must label {n:,} {en}; each takes {sec} seconds on average, and for quality every item is labelled independently by 2 annotators. With {hours} productive hours per annotator per day, about how many annotator-days are needed?",
                ),
                days,
                (
                    f"{n:,} × {sec} 秒 × 2 人 = {n * sec * 2:,} 秒 = {n * sec * 2 / 3600:,.0f} 小時；÷ {hours} 小時/天 = {days:,.1f} 人日。",
                    f"{n:,} × {sec} s × 2 = {n * sec * 2:,} s = {n * sec * 2 / 3600:,.0f} hours; ÷ {hours} h/day = {days:,.1f} annotator-days.",
                ),
                [
                    Mistake(
                        days / 2,
                        "漏算了雙人標註，每筆要標兩次。",
                        "Double labelling was forgotten: every item is labelled twice.",
                    ),
                    Mistake(
                        n * sec * 2 / 3600 / 8,
                        f"以 8 小時計算，但題目給的有效工時是每天 {hours} 小時。",
                        f"An 8-hour day was used, but the question gives {hours} productive hours.",
                    ),
                    Mistake(
                        n * sec * 2 / 3600,
                        "這是總工時（小時），還沒換算成人日。",
                        "That is total hours, not yet converted to annotator-days.",
                    ),
                    Mistake(
                        n * sec * 2 / 60 / hours / 60 / 2,
                        "換算過程中多除了一次 2。",
                        "An extra division by 2 crept into the conversion.",
                    ),
                ],
                places=1,
                unit=(" 人日", " annotator-days"),
            )
        )
    return specs


def _llm_cost_family() -> list[ItemSpec]:
    """Monthly cost of an enterprise LLM roll-out from usage assumptions."""
    rng = random.Random("aicert-demo:5.1-llmcost")
    uses = [
        ("內部知識問答助理", "an internal knowledge assistant"),
        ("業務郵件草擬工具", "a sales email drafting tool"),
        ("客服回覆建議", "support reply suggestions"),
        ("合約摘要服務", "a contract summary service"),
    ]
    specs = []
    for index, (zh, en) in enumerate(uses):
        users = rng.choice([400, 600, 800, 1200])
        per_day = rng.choice([10, 15, 20])
        tin = rng.choice([1500, 2000, 3000])
        tout = rng.choice([300, 400, 500])
        pin = rng.choice([0.5, 1.0, 2.5])
        pout = pin * 4
        days = 22

        def cost(t_in, t_out, d, users=users, per_day=per_day, pin=pin, pout=pout):
            return users * per_day * d * (t_in * pin + t_out * pout) / 1_000_000

        value = cost(tin, tout, days)
        specs.append(
            computed(
                f"5.1-llmcost-{index + 1}",
                E,
                D,
                "apply",
                "hard",
                (
                    f"公司規劃全面推出{zh}：{users:,} 位使用者，每人每個工作日平均 {per_day} 次請求，每次平均輸入 {tin:,} 個 token、輸出 {tout} 個 token。模型價格為每百萬輸入 token {pin} 美元、每百萬輸出 token {pout} 美元，每月以 22 個工作日計。每月模型費用約為多少美元？",
                    f"A company plans to roll out {en}: {users:,} users, each making {per_day} requests per working day on average, each with {tin:,} input tokens and {tout} output tokens. The model costs US${pin} per million input tokens and US${pout} per million output tokens; a month has 22 working days. What is the monthly model cost, in US dollars?",
                ),
                value,
                (
                    f"每月請求 = {users}×{per_day}×22 = {users * per_day * 22:,}；每次成本 = ({tin:,}×{pin} + {tout}×{pout}) ÷ 1,000,000 美元；合計 ≈ {value:,.0f} 美元。",
                    f"Requests per month = {users}×{per_day}×22 = {users * per_day * 22:,}; cost per request = ({tin:,}×{pin} + {tout}×{pout}) ÷ 1,000,000 dollars; total ≈ ${value:,.0f}.",
                ),
                [
                    Mistake(
                        cost(tin, 0, days),
                        "漏算了輸出 token，而輸出單價通常更高。",
                        "Output tokens were left out, and they usually cost more per token.",
                    ),
                    Mistake(
                        cost(tin, tout, 30),
                        "以 30 個日曆天計算，但使用量發生在 22 個工作日。",
                        "30 calendar days were used, but usage happens on 22 working days.",
                    ),
                    Mistake(
                        cost(tin + tout, 0, days),
                        "把輸入與輸出 token 都用輸入單價計算。",
                        "Input and output tokens were all priced at the input rate.",
                    ),
                    Mistake(
                        cost(tin, tout, days) * 1000 / 1_000_000 * 1000,
                        "單位換算錯誤：價格是「每百萬」token，不是每千 token。",
                        "A unit slip: prices are per million tokens, not per thousand.",
                    ),
                ],
                places=0,
                unit=(" 美元", " US dollars"),
            )
        )
    return specs


def _hand_written() -> list[ItemSpec]:
    return [
        single(
            "5.1-we-need-ai",
            A,
            D,
            "apply",
            "easy",
            (
                "總經理在會議上說：「競爭對手都在用 AI，我們也要導入。」身為 AI 應用規劃師，第一步最應該做什麼？",
                "The CEO says: 'Our competitors all use AI, so must we.' As an AI application planner, what should you do first?",
            ),
            [
                ok(
                    "與各部門釐清要解決的業務問題、目前的痛點與可衡量的成功標準",
                    "先定義問題與成功標準，才能判斷 AI 是否是合適的解方以及如何評估成效。",
                    "Work with departments to pin down the business problem, current pain points and measurable success criteria",
                    "Defining the problem and success criteria first shows whether AI fits and how to judge results.",
                ),
                no(
                    "立刻採購市面上評價最高的 AI 平台",
                    "在不清楚問題前採購，容易買到用不上的工具。",
                    "Buy the best-reviewed AI platform straight away",
                    "Buying before the problem is clear tends to buy tools nobody uses.",
                ),
                no(
                    "招募一個十人的資料科學團隊",
                    "團隊規模應依需求決定，問題未明前就擴編風險高。",
                    "Hire a ten-person data-science team",
                    "Team size should follow the need; hiring before the problem is clear is risky.",
                ),
                no(
                    "先把所有資料搬到雲端資料湖",
                    "資料基礎建設重要，但應依優先應用的需求規劃，而非盲目搬遷。",
                    "Move all data into a cloud data lake first",
                    "Data infrastructure matters but should follow the priority use cases, not precede them blindly.",
                ),
            ],
        ),
        single(
            "5.1-poc-purpose",
            A,
            D,
            "understand",
            "easy",
            (
                "AI 專案進行「概念驗證」（PoC）的主要目的是什麼？",
                "What is the main purpose of a proof of concept (PoC) in an AI project?",
            ),
            [
                ok(
                    "以有限範圍與成本，驗證技術可行性與可能效益，作為是否擴大投資的依據",
                    "PoC 以小規模降低不確定性，決定是否值得繼續投入。",
                    "To test technical feasibility and likely benefit at limited scope and cost, to decide whether to invest further",
                    "A PoC reduces uncertainty cheaply so you can decide whether to go on.",
                ),
                no(
                    "直接取代既有系統並全面上線",
                    "全面上線屬正式部署，不是 PoC 的目的。",
                    "To replace the existing system and go fully live",
                    "Full roll-out is deployment, not a PoC.",
                ),
                no(
                    "證明 AI 一定能成功，以說服管理層",
                    "PoC 應誠實檢驗可行性，結果可能是不可行。",
                    "To prove AI will succeed, to convince management",
                    "A PoC tests feasibility honestly; the answer may be no.",
                ),
                no(
                    "完成所有使用者的教育訓練",
                    "教育訓練屬導入與變革管理，不是 PoC 的主要目的。",
                    "To train every user",
                    "Training belongs to roll-out and change management.",
                ),
            ],
        ),
        single(
            "5.1-chatbot-kpi",
            A,
            D,
            "apply",
            "medium",
            (
                "公司上線 AI 客服機器人，目標是「減輕真人客服負擔且不犧牲顧客體驗」。哪一組指標最能衡量是否達成目標？",
                "A company launches an AI support bot to 'lighten the human agents' load without hurting customer experience'. Which metrics best show whether it works?",
            ),
            [
                ok(
                    "由機器人獨立解決且未轉真人的比例，搭配顧客滿意度",
                    "一個衡量分流效果，一個守住體驗，兩者搭配才對應目標。",
                    "The share of conversations the bot resolves without handing over to a person, together with customer satisfaction",
                    "One measures the load taken off agents, the other guards experience; together they match the goal.",
                ),
                no(
                    "機器人每天的對話總數",
                    "對話多不代表問題被解決，也可能代表顧客反覆詢問。",
                    "The bot's total conversations per day",
                    "Many conversations do not mean problems solved; they may mean customers asking again and again.",
                ),
                no(
                    "模型的參數量",
                    "參數量是技術規格，與業務目標無直接關係。",
                    "The model's parameter count",
                    "Parameter count is a technical spec unrelated to the business goal.",
                ),
                no(
                    "機器人的平均回覆字數",
                    "回覆長度不代表品質或分流效果。",
                    "The average length of the bot's replies",
                    "Reply length says nothing about quality or deflection.",
                ),
            ],
        ),
        single(
            "5.1-acceptance-owner",
            A,
            D,
            "understand",
            "medium",
            (
                "導入發票辨識系統時，誰最適合主導訂定「驗收標準」（例如哪些欄位必須 99% 正確）？",
                "When introducing invoice recognition, who is best placed to lead on the acceptance criteria (e.g. which fields must be 99% correct)?",
            ),
            [
                ok(
                    "負責該流程的業務單位（如財務會計主管），與實際使用者一起訂定",
                    "驗收標準反映業務需求與可容忍的錯誤，應由流程負責人主導。",
                    "The business owner of the process (such as the accounting manager), together with the actual users",
                    "Acceptance criteria reflect business needs and tolerable errors, so the process owner should lead.",
                ),
                no(
                    "系統供應商",
                    "供應商了解技術，但不應自訂自己要被驗收的標準。",
                    "The system vendor",
                    "The vendor knows the technology but should not set the bar it is judged by.",
                ),
                no(
                    "資訊部門的網路管理員",
                    "網路管理與發票欄位的業務正確性無關。",
                    "The IT department's network administrator",
                    "Network administration has nothing to do with invoice fields.",
                ),
                no(
                    "外部的法律顧問",
                    "法律顧問可提供意見，但不掌握流程細節與營運需求。",
                    "An external legal adviser",
                    "Legal advice helps but lacks the process detail and operational needs.",
                ),
            ],
        ),
        single(
            "5.1-defect-kpi",
            P,
            D,
            "evaluate",
            "medium",
            (
                "產線導入 AI 外觀檢測，目標是「降低瑕疵品流到客戶手上，同時不要讓太多良品被誤判報廢」。哪一組指標最能對應此目標？",
                "A line adopts AI visual inspection to 'cut defects reaching customers without scrapping too many good parts'. Which metrics best match this goal?",
            ),
            [
                ok(
                    "瑕疵品漏檢率（流出率）與良品誤判率",
                    "兩個指標分別對應「漏掉瑕疵」與「誤殺良品」兩種業務代價。",
                    "The defect escape rate and the false-reject rate of good parts",
                    "The two metrics match the two business costs: missed defects and scrapped good parts.",
                ),
                no(
                    "整體準確率",
                    "瑕疵品很少時，整體準確率會被大量良品撐高，看不出漏檢。",
                    "Overall accuracy",
                    "With few defects, accuracy is propped up by the many good parts and hides escapes.",
                ),
                no(
                    "每小時檢測的影像張數",
                    "處理速度重要，但不衡量品質目標。",
                    "Images inspected per hour",
                    "Throughput matters but does not measure the quality goal.",
                ),
                no(
                    "模型訓練所用的 GPU 小時",
                    "訓練成本與業務目標無直接關係。",
                    "GPU hours used for training",
                    "Training cost is unrelated to the business goal.",
                ),
            ],
        ),
        single(
            "5.1-lab-vs-line",
            P,
            D,
            "analyse",
            "hard",
            (
                "瑕疵檢測模型在實驗室的測試準確率達 97%，但在工廠試行時大量誤判。最可能的原因與正確的規劃作法是？",
                "A defect model scored 97% in the lab but misjudges a lot in the factory trial. What is the most likely cause, and the right planning response?",
            ),
            [
                ok(
                    "實驗室影像與產線的光線、角度、產品批次不同；應在試行階段以實際產線資料驗證並納入重新訓練",
                    "資料分布在真實環境改變是常見原因；規劃上應以真實條件的試行來驗證。",
                    "Lab images differ from the line in lighting, angle and batches; validate in the pilot on real line data and retrain with it",
                    "A shift in data distribution in real conditions is the usual cause; the plan should validate under real conditions.",
                ),
                no(
                    "工廠人員操作不當，應加強教育訓練即可",
                    "未先檢查資料差異就歸咎使用者，可能錯過真正的原因。",
                    "Factory staff used it wrongly; more training will fix it",
                    "Blaming users without checking data differences may miss the real cause.",
                ),
                no(
                    "模型太小，換成參數量更大的模型就能解決",
                    "模型大小無法彌補訓練資料不具代表性的問題。",
                    "The model is too small; a bigger one will fix it",
                    "A bigger model cannot make up for unrepresentative training data.",
                ),
                no(
                    "97% 已很高，試行的誤判可以忽略",
                    "實際環境的表現才決定業務效益。",
                    "97% is high enough; trial errors can be ignored",
                    "Real-world performance is what decides the business benefit.",
                ),
            ],
        ),
        single(
            "5.1-tco",
            P,
            D,
            "analyse",
            "medium",
            (
                "規劃 AI 專案預算時，下列哪一項成本最常被忽略，卻會在上線後持續發生？",
                "Budgeting an AI project, which cost is most often forgotten yet keeps arising after launch?",
            ),
            [
                ok(
                    "模型監測、資料標註更新與定期重新訓練的人力與運算成本",
                    "模型會隨資料變化而退化，持續維運是總持有成本的重要部分。",
                    "People and compute for monitoring, refreshing labels and retraining periodically",
                    "Models degrade as data changes; ongoing operation is a large part of total cost of ownership.",
                ),
                no(
                    "專案啟動會議的場地費",
                    "一次性的小額成本，不是持續性成本。",
                    "The room hire for the kick-off meeting",
                    "A small one-off cost, not an ongoing one.",
                ),
                no(
                    "開發階段購買的筆記型電腦",
                    "屬一次性的資本支出。",
                    "Laptops bought during development",
                    "A one-off capital cost.",
                ),
                no(
                    "概念驗證階段的顧問費",
                    "屬前期一次性成本。",
                    "Consultants' fees during the PoC",
                    "An up-front, one-off cost.",
                ),
            ],
        ),
        single(
            "5.1-change-mgmt",
            P,
            D,
            "apply",
            "medium",
            (
                "業務人員抗拒使用新的 AI 銷售建議系統，認為「系統不懂客戶」。下列哪一種作法最有助於提高採用率？",
                "Sales staff resist a new AI sales-recommendation system, saying it 'doesn't understand customers'. What would best raise adoption?",
            ),
            [
                ok(
                    "邀請資深業務參與設計與測試，讓他們能回饋錯誤建議，並展示系統如何節省他們的時間",
                    "讓使用者參與並看見價值，是變革管理的核心；回饋機制也能改善模型。",
                    "Involve senior salespeople in design and testing, let them flag bad suggestions, and show how it saves them time",
                    "Involvement and visible value are the core of change management, and the feedback improves the model.",
                ),
                no(
                    "由高層下令，未使用者列入考核扣分",
                    "強制可能提高表面使用率，但會引發消極抵制。",
                    "Have management order it and penalise non-users in appraisals",
                    "Coercion may raise surface usage but breeds passive resistance.",
                ),
                no(
                    "關閉舊系統，讓他們別無選擇",
                    "缺乏信任的強制轉換容易導致錯誤與流失。",
                    "Switch off the old system so they have no choice",
                    "Forced switch-overs without trust lead to errors and attrition.",
                ),
                no(
                    "等待抗拒自然消失",
                    "放任不處理會讓專案效益無法實現。",
                    "Wait for the resistance to fade",
                    "Doing nothing leaves the benefits unrealised.",
                ),
            ],
        ),
        single(
            "5.1-mvp-scope",
            P,
            D,
            "apply",
            "medium",
            (
                "公司想導入「全公司知識問答助理」。下列哪一種第一階段範圍最合適？",
                "A company wants a 'company-wide knowledge assistant'. Which first-phase scope fits best?",
            ),
            [
                ok(
                    "選一個需求明確的部門（例如人資規章問答）、一組文件與可量測的成功指標，先上線驗證",
                    "範圍小而明確，能快速驗證價值並累積經驗，再逐步擴大。",
                    "One department with a clear need (say HR policy questions), one document set and measurable success metrics, launched to learn",
                    "A small, clear scope proves value fast and builds experience before scaling.",
                ),
                no(
                    "一次納入全公司所有系統與文件",
                    "範圍過大會拖長時程並難以評估成效。",
                    "Every system and document in the company at once",
                    "Too broad a scope drags the timeline and blurs results.",
                ),
                no(
                    "先花一年建置完整的資料平台再決定用途",
                    "缺乏明確用途的平台建設風險高。",
                    "Spend a year building a complete data platform, then decide the use",
                    "Platforms without a clear use are risky.",
                ),
                no(
                    "只做內部展示，不需要真實使用者",
                    "沒有真實使用者就無法驗證價值。",
                    "An internal demo only, with no real users",
                    "Without real users the value cannot be tested.",
                ),
            ],
        ),
        single(
            "5.1-data-readiness",
            P,
            D,
            "analyse",
            "medium",
            (
                "評估「以 AI 預測客戶是否續約」的可行性時，下列哪一個問題最關鍵？",
                "Assessing whether AI could predict contract renewals, which question matters most?",
            ),
            [
                ok(
                    "是否有足夠的歷史資料，其中包含續約結果，以及預測時點就能取得的特徵",
                    "監督式學習需要有標籤的歷史資料，且特徵必須在預測時點可得，否則模型無法使用或會洩漏。",
                    "Is there enough history with known renewal outcomes, and features available at the time a prediction is made?",
                    "Supervised learning needs labelled history, and features must exist at prediction time or the model is unusable or leaks.",
                ),
                no(
                    "競爭對手用的是哪一家雲端服務",
                    "與本公司資料是否足以建模無關。",
                    "Which cloud provider competitors use",
                    "Irrelevant to whether your data can support a model.",
                ),
                no(
                    "模型能否在手機上執行",
                    "部署環境是後續考量，不是可行性的關鍵。",
                    "Whether the model can run on a phone",
                    "Deployment targets come later.",
                ),
                no(
                    "專案名稱是否吸引人",
                    "與可行性無關。",
                    "Whether the project has a catchy name",
                    "Unrelated to feasibility.",
                ),
            ],
        ),
        single(
            "5.1-coe",
            E,
            D,
            "evaluate",
            "hard",
            (
                "一家有多個事業群的企業要建立 AI 組織。各事業群需求差異大，但公司也擔心重複投資與治理不一致。哪一種組織模式最合適？",
                "A company with several business groups is organising for AI. Their needs differ a lot, but the company fears duplicated spending and inconsistent governance. Which operating model fits best?",
            ),
            [
                ok(
                    "中心輻射式：由 AI 卓越中心制定平台、標準與治理，各事業群配置貼近業務的 AI 人員",
                    "兼顧共用平台與治理的一致性，以及貼近業務需求的彈性。",
                    "Hub and spoke: an AI centre of excellence sets platforms, standards and governance, with AI staff embedded in each business group",
                    "It combines shared platforms and consistent governance with flexibility close to the business.",
                ),
                no(
                    "完全集中：所有 AI 專案都由總部一個團隊開發",
                    "容易成為瓶頸，且遠離各事業群的需求。",
                    "Fully central: one head-office team builds every AI project",
                    "It becomes a bottleneck and drifts from the business groups' needs.",
                ),
                no(
                    "完全分散：各事業群自行採購與開發，互不協調",
                    "會造成重複投資與治理落差，正是公司擔心的問題。",
                    "Fully decentralised: each group buys and builds on its own",
                    "This brings the duplication and governance gaps the company fears.",
                ),
                no(
                    "全部外包給單一顧問公司",
                    "外包無法建立內部能力，也不解決治理問題。",
                    "Outsource everything to one consultancy",
                    "It builds no internal capability and does not settle governance.",
                ),
            ],
        ),
        single(
            "5.1-lock-in",
            E,
            D,
            "evaluate",
            "hard",
            (
                "公司的核心應用高度依賴單一大型語言模型供應商的 API。為降低供應商鎖定風險，哪一項策略最有效？",
                "A company's core application depends heavily on one LLM vendor's API. Which strategy best reduces lock-in risk?",
            ),
            [
                ok(
                    "在應用與模型之間建立抽象層、維護可攜的評估資料集與提示，並在合約中約定資料取回與退出條款",
                    "抽象層與評估集讓更換模型可被驗證，合約條款確保資料與服務可移轉。",
                    "Put an abstraction layer between application and model, keep a portable evaluation set and prompts, and negotiate data-return and exit terms",
                    "An abstraction layer and evaluation set make switching testable; contract terms keep data and service portable.",
                ),
                no(
                    "簽訂十年期合約以鎖定價格",
                    "長約反而加深鎖定。",
                    "Sign a ten-year contract to lock in prices",
                    "A long contract deepens the lock-in.",
                ),
                no(
                    "把提示寫得高度依賴該模型的特殊行為",
                    "會讓更換模型更困難。",
                    "Write prompts that rely on the model's quirks",
                    "That makes switching harder.",
                ),
                no(
                    "完全自建基礎模型以免依賴任何供應商",
                    "成本極高且多數企業不具能力，並非最有效的平衡。",
                    "Build your own foundation model to depend on no one",
                    "Hugely expensive and beyond most firms; not the best balance.",
                ),
            ],
        ),
        single(
            "5.1-kill-criteria",
            E,
            D,
            "evaluate",
            "medium",
            (
                "AI 試行專案已進行六個月，效益始終未達預期，但團隊希望「再給三個月」。最好的治理作法是？",
                "An AI pilot has run six months without reaching its expected benefit, and the team wants 'three more months'. What is the best governance practice?",
            ),
            [
                ok(
                    "依專案啟動時訂定的繼續／停止條件與階段關卡審查，根據證據決定調整、延長或終止",
                    "事先訂好的決策條件可避免沉沒成本謬誤，讓決定依證據而非情感。",
                    "Apply the go/no-go criteria and stage-gate review set at the start, and decide on evidence to adjust, extend or stop",
                    "Pre-agreed criteria avoid the sunk-cost fallacy and keep the decision on evidence, not feelings.",
                ),
                no(
                    "已投入很多，應繼續直到成功",
                    "這是沉沒成本謬誤。",
                    "So much has been invested that it must continue until it succeeds",
                    "That is the sunk-cost fallacy.",
                ),
                no(
                    "立即終止並解散團隊，不需檢討",
                    "未檢討就終止會失去經驗與可能的調整方向。",
                    "Stop immediately and disband the team without review",
                    "Stopping without review loses the lessons and possible pivots.",
                ),
                no(
                    "把目標改低，讓專案看起來成功",
                    "調整目標掩蓋問題，不是治理。",
                    "Lower the target so the project looks successful",
                    "Moving the goalposts hides the problem; it is not governance.",
                ),
            ],
        ),
        single(
            "5.1-baseline",
            E,
            D,
            "evaluate",
            "hard",
            (
                "AI 排班系統上線後，加班時數下降了 15%，但同期公司也調整了工時政策。要可信地評估 AI 的效益，最好的方法是？",
                "After an AI rostering system launched, overtime fell 15%, but working-hours policy changed at the same time. What is the most credible way to judge the AI's benefit?",
            ),
            [
                ok(
                    "在上線前建立基準，並以未導入的對照單位或分批導入（如 A/B 或差異中的差異）比較",
                    "對照組或分批導入能把政策變化等其他因素的影響排除。",
                    "Set a baseline before launch and compare with control units not using it, or a staggered roll-out (A/B or difference-in-differences)",
                    "A control group or staggered roll-out separates the AI's effect from other changes such as the policy.",
                ),
                no(
                    "直接把 15% 全部歸功於 AI",
                    "忽略了同期的政策變動。",
                    "Credit the whole 15% to the AI",
                    "It ignores the simultaneous policy change.",
                ),
                no(
                    "問使用者是否覺得系統有幫助",
                    "主觀感受有參考價值，但不能量化因果效益。",
                    "Ask users whether they feel it helps",
                    "Perceptions help but cannot quantify the causal benefit.",
                ),
                no(
                    "比較上線前後各一週的資料",
                    "期間太短且仍無法排除其他因素。",
                    "Compare one week before with one week after",
                    "Too short, and other factors are still mixed in.",
                ),
            ],
        ),
        single(
            "5.1-portfolio",
            E,
            D,
            "evaluate",
            "medium",
            (
                "公司規劃三年 AI 路線圖。下列哪一種組合最能平衡風險與價值？",
                "A company plans a three-year AI roadmap. Which mix best balances risk and value?",
            ),
            [
                ok(
                    "搭配可在數月內見效的低風險應用，與需較長投入但具策略價值的項目，並同步建立資料與治理基礎",
                    "短期成果建立信心與資源，長期項目帶來差異化，基礎建設支撐兩者。",
                    "Pair low-risk use cases that pay off within months with longer, strategic bets, while building data and governance foundations",
                    "Quick wins build confidence and funding, strategic bets bring differentiation, and foundations support both.",
                ),
                no(
                    "只做最具野心的轉型項目，一次到位",
                    "風險集中，失敗時可能全盤皆輸。",
                    "Only the most ambitious transformation projects, all at once",
                    "It concentrates risk; failure could sink everything.",
                ),
                no(
                    "只做最簡單的小工具，避免任何失敗",
                    "難以帶來策略性價值。",
                    "Only the simplest small tools, to avoid any failure",
                    "It rarely brings strategic value.",
                ),
                no(
                    "每個部門各自提案、各自執行，不做整體規劃",
                    "缺乏整體規劃會重複投資並忽略共用基礎。",
                    "Let each department propose and run its own projects with no overall plan",
                    "No overall plan means duplicated spending and neglected shared foundations.",
                ),
            ],
        ),
        single(
            "5.1-requirements",
            E,
            D,
            "analyse",
            "hard",
            (
                "醫院希望用 AI 縮短急診等候時間。需求訪談中，下列哪一種作法最能找出真正的需求？",
                "A hospital wants AI to cut emergency waiting times. In requirements work, which approach best uncovers the real need?",
            ),
            [
                ok(
                    "實地觀察病人從掛號到離院的流程並量測各環節的等待時間，找出瓶頸後再判斷 AI 能介入之處",
                    "以流程觀察與資料找出瓶頸，才能判斷問題是否由 AI 解決、在哪個環節解決。",
                    "Observe the patient journey from registration to discharge, measure the wait at each step, find the bottleneck, then judge where AI could help",
                    "Process observation and data reveal the bottleneck, showing whether and where AI can help.",
                ),
                no(
                    "只詢問院長希望採用哪一種 AI 技術",
                    "從技術出發容易偏離實際問題。",
                    "Ask the director which AI technology they want",
                    "Starting from technology drifts from the real problem.",
                ),
                no(
                    "參考其他醫院的 AI 案例直接複製",
                    "各院流程與瓶頸不同，直接複製可能無效。",
                    "Copy another hospital's AI case",
                    "Processes and bottlenecks differ; copying may not work.",
                ),
                no(
                    "寄問卷問醫護人員是否支持 AI",
                    "支持與否不能界定需求本身。",
                    "Survey staff on whether they support AI",
                    "Support does not define the need.",
                ),
            ],
        ),
        single(
            "5.1-vendor-eval",
            E,
            D,
            "evaluate",
            "hard",
            (
                "三家廠商都宣稱其文件辨識方案「準確率 98% 以上」。選商時，哪一項證據最有說服力？",
                "Three vendors each claim their document-recognition product is 'over 98% accurate'. Which evidence is most convincing when choosing?",
            ),
            [
                ok(
                    "以本公司保留、廠商未見過的代表性文件做盲測，依事先訂定的指標與錯誤成本比較",
                    "用自己的資料與事先訂定的指標盲測，才能反映實際效益並公平比較。",
                    "A blind test on representative company documents the vendors have never seen, scored on metrics and error costs agreed in advance",
                    "A blind test on your own data with pre-agreed metrics reflects real benefit and compares fairly.",
                ),
                no(
                    "廠商簡報中的準確率數字",
                    "測試資料與條件未知，數字不可比較。",
                    "The accuracy figures in the vendors' slides",
                    "Unknown test data and conditions make the figures incomparable.",
                ),
                no(
                    "客戶名單上知名企業的數量",
                    "知名客戶不代表在你的文件上表現好。",
                    "How many famous companies are on the client list",
                    "Famous clients say nothing about performance on your documents.",
                ),
                no(
                    "哪一家使用的模型參數量最大",
                    "模型大小不等於在特定任務上的效果。",
                    "Which uses the model with the most parameters",
                    "Model size is not task performance.",
                ),
            ],
        ),
        single(
            "5.1-scale-risk",
            E,
            D,
            "analyse",
            "hard",
            (
                "需求預測模型在 5 家門市試行成功，計畫三個月內擴大到 300 家門市。最需要優先處理的風險是？",
                "A demand-forecasting model succeeded in a 5-store pilot and is to be scaled to 300 stores in three months. Which risk needs attention first?",
            ),
            [
                ok(
                    "其他門市的資料品質、商品組合與作業流程可能與試點不同，且需要自動化的部署、監測與重訓機制",
                    "擴大時最常失敗在資料與流程的差異，以及無法以人工方式維運數百個模型或門市。",
                    "Other stores may differ from the pilot in data quality, product mix and processes, and deployment, monitoring and retraining must be automated",
                    "Scale-ups most often fail on differences in data and process, and on operations that cannot be run by hand for hundreds of stores.",
                ),
                no(
                    "模型名稱是否需要改成更有吸引力的名字",
                    "與擴大推廣的風險無關。",
                    "Whether the model needs a catchier name",
                    "Irrelevant to scaling risk.",
                ),
                no(
                    "試行門市的店長是否會升遷",
                    "不是擴大推廣的主要風險。",
                    "Whether the pilot stores' managers will be promoted",
                    "Not a main scaling risk.",
                ),
                no(
                    "是否要把模型換成最新的深度學習架構",
                    "試行已成功，更換架構不是擴大時的優先事項。",
                    "Whether to switch to the newest deep-learning architecture",
                    "The pilot worked; a new architecture is not the priority when scaling.",
                ),
            ],
        ),
        single(
            "5.1-sensitivity",
            E,
            D,
            "evaluate",
            "hard",
            (
                "AI 專案商業案例的淨現值對「使用者採用率」的假設最敏感，而此假設也最不確定。規劃上最合理的下一步是？",
                "An AI business case's NPV is most sensitive to the assumed user adoption rate, which is also the least certain assumption. What is the most sensible next step?",
            ),
            [
                ok(
                    "設計低成本的試行以量測實際採用率，並以情境分析呈現不同採用率下的效益區間",
                    "先降低最關鍵且最不確定假設的不確定性，並讓決策者看到區間而非單一數字。",
                    "Design a cheap pilot to measure real adoption, and show benefits across adoption scenarios",
                    "Reduce uncertainty in the most influential and least certain assumption first, and show decision-makers a range instead of a single number.",
                ),
                no(
                    "把採用率假設調高，讓案例更容易通過",
                    "操弄假設會誤導決策。",
                    "Raise the adoption assumption so the case passes more easily",
                    "Massaging assumptions misleads the decision.",
                ),
                no(
                    "先精算硬體折舊，讓數字更精確",
                    "折舊影響小且已相對確定，不是優先事項。",
                    "Refine the hardware depreciation first to make the numbers precise",
                    "Depreciation has little effect and is already fairly certain.",
                ),
                no(
                    "直接全面上線，再看採用率",
                    "在最大不確定性未處理前全面投入，風險最高。",
                    "Go fully live and see what adoption turns out to be",
                    "Committing fully before tackling the biggest uncertainty is the riskiest path.",
                ),
            ],
        ),
        single(
            "5.1-capability",
            E,
            D,
            "evaluate",
            "medium",
            (
                "一家傳統製造業剛開始推動 AI，目前沒有資料團隊。為了讓前幾個應用能落地並持續維運，第一年最應優先建立的能力是？",
                "A traditional manufacturer is starting with AI and has no data team. To get its first use cases live and keep them running, which capability should it build first in year one?",
            ),
            [
                ok(
                    "資料工程與資料治理：能可靠地取得、整理並管理關鍵製程與營運資料",
                    "沒有可靠的資料基礎，任何模型都難以落地與維運；這也是外部夥伴無法取代的內部能力。",
                    "Data engineering and governance: reliably getting, cleaning and managing key process and operational data",
                    "Without a reliable data foundation no model goes live or stays healthy, and this is an internal capability partners cannot replace.",
                ),
                no(
                    "自行研發大型語言模型的團隊",
                    "成本高且與初期需求不符。",
                    "A team to develop its own large language model",
                    "Costly and out of step with early needs.",
                ),
                no(
                    "專門撰寫 AI 新聞稿的公關團隊",
                    "對應用落地沒有直接幫助。",
                    "A PR team to write AI press releases",
                    "It does nothing to get use cases live.",
                ),
                no(
                    "購買最高規格的 GPU 叢集",
                    "在明確需求與資料準備好之前，大量硬體投資容易閒置。",
                    "A top-spec GPU cluster",
                    "Before needs and data are ready, heavy hardware tends to sit idle.",
                ),
            ],
        ),
        # Other types
        true_false(
            "5.1-tf-accuracy-enough",
            A,
            D,
            "understand",
            "easy",
            (
                "只要模型的準確率夠高，AI 專案就一定能帶來業務效益。",
                "If the model is accurate enough, an AI project is sure to deliver business benefit.",
            ),
            False,
            (
                "效益還取決於流程是否整合、使用者是否採用、錯誤成本與維運成本等；高準確率不等於有效益。",
                "Benefit also depends on process integration, user adoption, the cost of errors and running costs; high accuracy alone does not guarantee it.",
            ),
        ),
        true_false(
            "5.1-tf-pilot-real",
            P,
            D,
            "understand",
            "medium",
            (
                "試行（pilot）階段應盡量在真實的作業環境與使用者下進行，以驗證實際效益與可用性。",
                "A pilot should run as far as possible in the real working environment with real users, to test actual benefit and usability.",
            ),
            True,
            (
                "PoC 驗證技術可行，試行則在真實條件下驗證效益、流程整合與使用者接受度。",
                "A PoC tests technical feasibility; a pilot tests benefit, process fit and user acceptance under real conditions.",
            ),
        ),
        multi(
            "5.1-mr-charter",
            P,
            D,
            "apply",
            "medium",
            (
                "撰寫 AI 專案章程（project charter）時，應包含下列哪些內容？（選出所有正確者）",
                "Which of these belong in an AI project charter? (Select all that apply.)",
            ),
            [
                ok(
                    "業務目標與可衡量的成功標準",
                    "章程要讓所有人對「成功」有共同定義。",
                    "Business goals and measurable success criteria",
                    "The charter gives everyone a shared definition of success.",
                ),
                ok(
                    "範圍與不在範圍內的事項",
                    "明確界線可避免範圍蔓延。",
                    "What is in and out of scope",
                    "Clear boundaries prevent scope creep.",
                ),
                ok(
                    "主要利害關係人與決策權責",
                    "明確誰負責、誰核准，避免推諉。",
                    "Key stakeholders and who decides what",
                    "Clear ownership and approvals prevent blame-shifting.",
                ),
                ok(
                    "主要風險、假設與資料來源",
                    "事先揭露風險與假設，便於管理。",
                    "Main risks, assumptions and data sources",
                    "Naming risks and assumptions early makes them manageable.",
                ),
                no(
                    "模型每一層的超參數設定",
                    "屬技術實作細節，不在章程層級。",
                    "Hyperparameters for every model layer",
                    "An implementation detail, not charter material.",
                ),
            ],
        ),
        multi(
            "5.1-mr-genai-fit",
            A,
            D,
            "understand",
            "easy",
            (
                "下列哪些工作特別適合用生成式 AI 輔助？（選出所有正確者）",
                "Which of these tasks are especially suited to generative AI assistance? (Select all that apply.)",
            ),
            [
                ok(
                    "為產品說明撰寫初稿，再由人員修改",
                    "生成文字初稿是生成式 AI 的強項，由人把關品質。",
                    "Drafting product descriptions for staff to edit",
                    "Drafting text is a strength of generative AI, with people checking quality.",
                ),
                ok(
                    "把冗長的會議紀錄整理成重點",
                    "摘要非結構化文字是典型應用。",
                    "Condensing long meeting notes into key points",
                    "Summarising unstructured text is a classic use.",
                ),
                ok(
                    "把中文公告翻譯成英文草稿",
                    "翻譯草稿是常見應用，重要文件仍須人工審校。",
                    "Translating a Chinese notice into an English draft",
                    "Draft translation is common; important documents still need human review.",
                ),
                no(
                    "依稅法公式精確計算每位員工的扣繳稅額",
                    "精確的公式計算應使用規則式程式，生成式 AI 可能算錯。",
                    "Computing each employee's withholding tax exactly by the tax formulas",
                    "Exact formula calculations belong in rule-based code; generative AI can get sums wrong.",
                ),
                no(
                    "即時控制工業機台的安全停機",
                    "安全關鍵的即時控制需要可驗證的確定性系統。",
                    "Real-time safety shutdown control of industrial machines",
                    "Safety-critical real-time control needs verifiable deterministic systems.",
                ),
            ],
        ),
        ordering(
            "5.1-order-crisp",
            A,
            D,
            "remember",
            "easy",
            (
                "請依 CRISP-DM 的順序排列下列階段（由先到後）。",
                "Put the CRISP-DM phases in order, first to last.",
            ),
            [
                ("商業理解", "Business understanding"),
                ("資料理解", "Data understanding"),
                ("資料準備", "Data preparation"),
                ("建立模型", "Modelling"),
                ("評估", "Evaluation"),
                ("部署", "Deployment"),
            ],
            feedback=(
                "CRISP-DM 雖允許在階段間來回，但基本順序是從商業理解到部署。",
                "CRISP-DM allows going back and forth, but the basic order runs from business understanding to deployment.",
            ),
        ),
        ordering(
            "5.1-order-adoption",
            P,
            D,
            "understand",
            "medium",
            (
                "請排列一個 AI 應用從構想到擴大推廣的合理順序。",
                "Order the stages of an AI application from idea to scale-up.",
            ),
            [
                ("定義業務問題與成功標準", "Define the business problem and success criteria"),
                ("評估資料與技術可行性", "Assess data and technical feasibility"),
                ("概念驗證（PoC）", "Proof of concept"),
                ("真實環境試行（pilot）", "Pilot in real conditions"),
                ("正式上線並建立監測", "Go live with monitoring"),
                ("擴大推廣到其他單位", "Scale to other units"),
            ],
        ),
        matching(
            "5.1-match-stakeholders",
            A,
            D,
            "understand",
            "easy",
            (
                "請將每一位利害關係人對應到他在 AI 專案中最主要關心的事。",
                "Match each stakeholder to their main concern in an AI project.",
            ),
            [
                (
                    ("專案發起人（高階主管）", "Sponsor (senior executive)"),
                    ("投資是否帶來業務效益", "Whether the investment delivers business value"),
                ),
                (
                    ("第一線使用者", "Front-line users"),
                    (
                        "系統是否好用、能否減輕工作",
                        "Whether the system is easy and lightens their work",
                    ),
                ),
                (
                    ("法務與法遵", "Legal and compliance"),
                    ("是否符合法規與契約義務", "Whether it meets legal and contractual duties"),
                ),
                (
                    ("資訊安全人員", "Information security"),
                    ("資料與系統是否受到保護", "Whether data and systems are protected"),
                ),
            ],
            distractors=[
                ("模型論文能否被頂尖會議接受", "Whether the model paper gets into a top conference")
            ],
        ),
        numeric(
            "5.1-num-payback",
            A,
            D,
            "apply",
            "easy",
            (
                "一項 AI 工具的導入成本為 60 萬元，每月可節省 5 萬元的人力成本（已扣除訂閱費）。需要幾個月才能回收成本？",
                "An AI tool costs NT$600,000 to introduce and saves NT$50,000 a month in staff costs (after its subscription). How many months until it pays back?",
            ),
            12,
            0,
            unit=("個月", "months"),
            feedback=("60 ÷ 5 = 12 個月。", "600,000 ÷ 50,000 = 12 months."),
        ),
        numeric(
            "5.1-num-hours-saved",
            P,
            D,
            "apply",
            "medium",
            (
                "客服中心每月處理 18,000 通詢問，AI 助理可讓其中 40% 的案件每件少花 3 分鐘。每月可節省多少小時？",
                "A contact centre handles 18,000 enquiries a month; an AI assistant saves 3 minutes on each of 40% of them. How many hours a month are saved?",
            ),
            360,
            0,
            unit=("小時", "hours"),
            feedback=(
                "18,000 × 40% × 3 分鐘 = 21,600 分鐘 = 360 小時。",
                "18,000 × 40% × 3 min = 21,600 min = 360 hours.",
            ),
        ),
        short_text(
            "5.1-st-crisp-first",
            A,
            D,
            "remember",
            "easy",
            ("CRISP-DM 流程的第一個階段稱為什麼？", "What is the first phase of CRISP-DM called?"),
            ["商業理解", "業務理解", "商務理解"],
            ["business understanding"],
            patterns=[r"(?i)^\s*business\s+understanding\s*$", r"^\s*(商業|業務|商務)理解\s*$"],
        ),
        constructed(
            "5.1-cr-proposal",
            E,
            D,
            "create",
            "hard",
            (
                "某連鎖藥局（120 家門市）想導入 AI。請撰寫一份一頁的 AI 專案提案重點：選定一個應用、說明要解決的問題與成功指標、資料與可行性、主要風險與因應、分階段時程。",
                "A pharmacy chain (120 stores) wants to adopt AI. Write the key points of a one-page AI project proposal: pick one use case and state the problem and success metrics, data and feasibility, main risks and responses, and a phased timeline.",
            ),
            [
                (
                    ("問題與指標", "Problem and metrics"),
                    [
                        (0, ("未說明問題或指標。", "No problem or metrics.")),
                        (1, ("問題明確但指標不可量測。", "Clear problem, unmeasurable metrics.")),
                        (
                            2,
                            (
                                "問題具體、有基準值與可量測的目標（如缺貨率由 8% 降到 5%）。",
                                "A specific problem with a baseline and measurable target (e.g. stock-outs from 8% to 5%).",
                            ),
                        ),
                    ],
                ),
                (
                    ("資料與可行性", "Data and feasibility"),
                    [
                        (0, ("未提及。", "Not addressed.")),
                        (
                            1,
                            (
                                "提及資料但未評估品質或取得方式。",
                                "Mentions data without assessing quality or access.",
                            ),
                        ),
                        (
                            2,
                            (
                                "說明所需資料、來源、品質疑慮與可行性驗證方式。",
                                "States the data needed, sources, quality concerns and how feasibility will be tested.",
                            ),
                        ),
                    ],
                ),
                (
                    ("風險與因應", "Risks and responses"),
                    [
                        (0, ("未提及。", "Not addressed.")),
                        (1, ("列出風險但沒有因應。", "Risks listed without responses.")),
                        (
                            2,
                            (
                                "涵蓋技術、使用者採用與法規（如健康資料）的風險並有具體因應。",
                                "Covers technical, adoption and regulatory (e.g. health data) risks with concrete responses.",
                            ),
                        ),
                    ],
                ),
                (
                    ("分階段時程", "Phased timeline"),
                    [
                        (0, ("未提及。", "Not addressed.")),
                        (1, ("有時程但無階段關卡。", "A timeline without stage gates.")),
                        (
                            2,
                            (
                                "PoC、試行、擴大推廣各有期程與繼續／停止條件。",
                                "PoC, pilot and scale-up each with dates and go/no-go criteria.",
                            ),
                        ),
                    ],
                ),
            ],
        ),
        constructed(
            "5.1-cr-metrics",
            P,
            D,
            "create",
            "medium",
            (
                "公司要導入 AI 協助審核報帳單據。請為此專案設計一組成功指標（至少包含業務、模型與使用者三個面向），並說明每個指標的基準與目標值如何設定。",
                "A company is introducing AI to help check expense claims. Design a set of success metrics (covering at least the business, the model and users) and explain how the baseline and target for each are set.",
            ),
            [
                (
                    ("指標涵蓋面向", "Coverage of perspectives"),
                    [
                        (0, ("只有單一面向或無指標。", "One perspective or none.")),
                        (1, ("涵蓋兩個面向。", "Two perspectives.")),
                        (
                            2,
                            (
                                "涵蓋業務（如處理時間）、模型（如漏檢率）、使用者（如採用率、滿意度）。",
                                "Business (processing time), model (miss rate) and users (adoption, satisfaction).",
                            ),
                        ),
                    ],
                ),
                (
                    ("基準與目標", "Baselines and targets"),
                    [
                        (0, ("未說明。", "Not explained.")),
                        (1, ("有目標但無基準或依據。", "Targets without baselines or rationale.")),
                        (
                            2,
                            (
                                "以導入前量測的基準設定目標，並說明目標的依據與量測方式。",
                                "Targets set from baselines measured before launch, with rationale and measurement method.",
                            ),
                        ),
                    ],
                ),
            ],
        ),
    ]


def items() -> list[ItemSpec]:
    return [
        *classify("5.1-crisp", D, CRISP, CRISP_Q, CRISP_SCENARIOS, cognitive="understand"),
        *classify(
            "5.1-approach", D, APPROACHES, APPROACH_Q, APPROACH_SCENARIOS, cognitive="evaluate"
        ),
        *classify(
            "5.1-sourcing", D, SOURCING, SOURCING_Q, SOURCING_SCENARIOS, cognitive="evaluate"
        ),
        *_business_case_family(),
        *_priority_family(),
        *_error_cost_family(),
        *_labelling_family(),
        *_llm_cost_family(),
        *_hand_written(),
    ]
