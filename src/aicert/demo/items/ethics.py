"""5.2 AI ethics, law and risk: EU AI Act risk tiers, Taiwan's PDPA, fairness, risk registers.

Law is asked in general terms (the structure of the rules, not article numbers), because
candidates plan and govern AI; they do not give legal advice.
"""

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
    ok,
    ordering,
    single,
    true_false,
)

D = "5.2"

# --- EU AI Act risk tiers --------------------------------------------------------------------
TIERS = {
    "prohibited": Category(
        "不可接受風險（禁止的 AI 實務）",
        "Unacceptable risk (prohibited practice)",
        "對基本權利威脅過大而直接禁止的用途，例如社會評分、利用弱勢族群的操縱、無差別蒐集臉部影像建庫、在職場或學校辨識情緒",
        "uses banned outright because they threaten fundamental rights too much, such as social scoring, manipulation exploiting vulnerable groups, untargeted scraping of facial images, or emotion recognition at work or school",
    ),
    "high": Category(
        "高風險",
        "High risk",
        "用於法規列舉之敏感領域（如招募與人事、教育評量、信用評分、基本公共服務、執法、司法）或作為受規範產品的安全元件，須有風險管理、資料治理、技術文件、人為監督與符合性評鑑",
        "systems used in listed sensitive areas (recruitment and HR, educational assessment, credit scoring, essential public services, law enforcement, justice) or as safety components of regulated products; they need risk management, data governance, technical documentation, human oversight and a conformity assessment",
    ),
    "limited": Category(
        "有限風險（透明度義務）",
        "Limited risk (transparency obligations)",
        "與人互動或生成內容的系統，主要義務是讓人知道正在與 AI 互動或內容由 AI 生成（如聊天機器人、深偽內容）",
        "systems that interact with people or generate content, whose main duty is to let people know they are dealing with AI or that content is AI-generated (chatbots, deepfakes)",
    ),
    "minimal": Category(
        "最低風險",
        "Minimal risk",
        "其他一般用途（如垃圾郵件過濾、遊戲 AI），法規未課予特別義務，可自願遵循行為準則",
        "all other everyday uses (spam filters, game AI), with no specific legal duties beyond voluntary codes of conduct",
    ),
}
TIER_Q = (
    "依歐盟《人工智慧法》（EU AI Act）的風險分級架構，此系統最可能屬於哪一級？",
    "Under the risk-based structure of the EU AI Act, which tier does this system most likely fall into?",
)
A, P, E = "associate", "professional", "expert"
TIER_SCENARIOS = [
    Scenario(
        "social-score",
        A,
        "easy",
        "某地方政府擬依居民的網路言論、交通違規與社交往來計算「公民分數」，分數低者申請公共服務時需排較後面。",
        "A local government plans to give residents a 'citizen score' from their online posts, traffic offences and social contacts; people with low scores wait longer for public services.",
        "prohibited",
        "以個人社會行為評分並據以不利對待，屬於明文禁止的社會評分。",
        "Scoring people on their social behaviour and treating them worse for it is social scoring, which is banned outright.",
    ),
    Scenario(
        "cv-screening",
        A,
        "easy",
        "人資部門導入一套工具，自動篩選應徵者履歷並排出面試優先順序。",
        "An HR department adopts a tool that screens job applicants' CVs automatically and ranks who gets an interview.",
        "high",
        "招募與篩選應徵者是法規列舉的高風險領域，影響個人的就業機會。",
        "Recruitment and the filtering of applicants is a listed high-risk area: it affects people's access to work.",
    ),
    Scenario(
        "shop-chatbot",
        A,
        "easy",
        "網路商店在官網上線客服聊天機器人，回答退換貨與訂單查詢問題。",
        "An online shop puts a customer-service chatbot on its website to answer questions about returns and orders.",
        "limited",
        "與人直接互動的聊天機器人須讓使用者知道對方是 AI，屬透明度義務；其用途不在高風險清單內。",
        "A chatbot that talks to people must tell them they are talking to AI, a transparency duty; its use is not on the high-risk list.",
    ),
    Scenario(
        "spam",
        A,
        "easy",
        "公司郵件系統使用機器學習模型過濾垃圾郵件。",
        "A company's mail system uses a machine-learning model to filter spam.",
        "minimal",
        "垃圾郵件過濾不涉及列舉的敏感領域，也不直接與人對話或生成內容，屬最低風險。",
        "Spam filtering touches no listed sensitive area and neither talks to people nor generates content: minimal risk.",
    ),
    Scenario(
        "game-npc",
        A,
        "easy",
        "遊戲公司以強化學習訓練遊戲中的電腦對手，讓它們更有挑戰性。",
        "A game studio uses reinforcement learning to make its computer-controlled opponents more challenging.",
        "minimal",
        "遊戲中的 AI 對手不影響玩家的權利或安全，屬最低風險。",
        "AI opponents in a game affect no one's rights or safety: minimal risk.",
    ),
    Scenario(
        "demand-forecast",
        A,
        "medium",
        "連鎖超市以模型預測各門市下週的生鮮需求量，用來決定叫貨數量。",
        "A supermarket chain forecasts next week's fresh-food demand per store with a model and orders stock accordingly.",
        "minimal",
        "需求預測只影響庫存決策，不針對個人作出決定，屬最低風險。",
        "Demand forecasting drives stock decisions and makes no decision about any person: minimal risk.",
    ),
    Scenario(
        "music-recs",
        A,
        "medium",
        "音樂串流平台依使用者的收聽紀錄推薦歌曲。",
        "A music streaming service recommends songs from a user's listening history.",
        "minimal",
        "歌曲推薦不屬於列舉的高風險用途，也非禁止實務，屬最低風險（個資法規仍然適用）。",
        "Song recommendations are neither a listed high-risk use nor a banned practice: minimal risk (data protection law still applies).",
    ),
    Scenario(
        "credit",
        P,
        "medium",
        "銀行以模型評估個人的信用風險，作為是否核貸及利率的依據。",
        "A bank uses a model to assess individuals' creditworthiness, deciding loans and interest rates.",
        "high",
        "個人信用評分影響取得基本金融服務的機會，屬列舉的高風險用途（詐欺偵測則另有例外）。",
        "Credit scoring of individuals governs access to essential financial services, a listed high-risk use (fraud detection is treated differently).",
        ("limited", "minimal", "prohibited"),
    ),
    Scenario(
        "deepfake-ad",
        P,
        "medium",
        "行銷公司用生成式 AI 製作以真實名人為樣貌、看似真實的宣傳影片。",
        "A marketing agency uses generative AI to make realistic promotional videos showing a real celebrity.",
        "limited",
        "深偽（deepfake）內容須揭露其為 AI 生成或竄改，屬透明度義務；用途本身不在高風險清單。",
        "Deepfake content must be disclosed as AI-generated or manipulated, a transparency duty; the use itself is not on the high-risk list.",
        ("high", "prohibited", "minimal"),
    ),
    Scenario(
        "exam-scoring",
        P,
        "medium",
        "職業訓練機構以 AI 自動評閱學員的實作報告，分數決定能否取得結訓資格。",
        "A vocational training provider uses AI to mark trainees' practical reports; the marks decide who completes the course.",
        "high",
        "教育與職業訓練中評量學習成果並影響資格的系統，屬列舉的高風險用途。",
        "Systems that evaluate learning outcomes in education and vocational training, deciding qualifications, are a listed high-risk use.",
        ("limited", "minimal", "prohibited"),
    ),
    Scenario(
        "face-scrape",
        P,
        "medium",
        "新創公司從社群網站與公開監視器畫面無差別抓取臉部照片，建立人臉辨識資料庫出售給客戶。",
        "A start-up scrapes face photos indiscriminately from social media and public CCTV feeds to build a face-recognition database it sells to clients.",
        "prohibited",
        "無差別蒐集網路或監視器臉部影像來建立或擴充人臉辨識資料庫，屬禁止的實務。",
        "Untargeted scraping of facial images from the internet or CCTV to build or expand face-recognition databases is a banned practice.",
        ("high", "limited", "minimal"),
    ),
    Scenario(
        "benefits",
        P,
        "medium",
        "社福機關以模型判斷民眾申請的生活補助是否符合資格。",
        "A welfare agency uses a model to decide whether people qualify for a living allowance they applied for.",
        "high",
        "評估民眾取得公共救助或給付資格的系統，屬列舉的高風險用途。",
        "Systems that assess people's eligibility for public assistance benefits are a listed high-risk use.",
        ("prohibited", "limited", "minimal"),
    ),
    Scenario(
        "grammar",
        P,
        "easy",
        "文書軟體內建的 AI 功能會標示錯字並建議較通順的句子。",
        "A word processor's built-in AI marks typos and suggests smoother sentences.",
        "minimal",
        "拼字與文法建議不影響他人權利、也不會冒充真人，屬最低風險。",
        "Spelling and grammar suggestions affect no one's rights and impersonate no one: minimal risk.",
        ("limited", "high", "prohibited"),
    ),
    Scenario(
        "voice-agent",
        P,
        "medium",
        "電信公司以語音合成 AI 客服接聽來電，聲音與真人幾乎無法分辨。",
        "A telecom operator answers calls with a voice AI agent whose voice is almost indistinguishable from a human.",
        "limited",
        "與人直接對話的 AI 必須讓來電者知道對方是 AI，屬透明度義務。",
        "An AI that talks directly to people must let callers know it is an AI: a transparency duty.",
        ("minimal", "high", "prohibited"),
    ),
    Scenario(
        "emotion-work",
        E,
        "hard",
        "客服中心想以攝影機即時辨識員工的情緒，用來評估其工作投入程度並作為考核參考。",
        "A contact centre wants cameras to recognise its employees' emotions in real time to gauge engagement and feed appraisals.",
        "prohibited",
        "在職場（及教育場域）進行情緒辨識屬禁止實務，僅有醫療或安全理由的狹窄例外；若只看「人事考核」會誤判為高風險。",
        "Emotion recognition in the workplace (and in education) is banned, with narrow medical or safety exceptions; looking only at 'appraisal' would wrongly suggest high risk.",
        ("high", "limited", "minimal"),
    ),
    Scenario(
        "med-device",
        E,
        "hard",
        "一款判讀胸部 X 光影像、提示疑似病灶的軟體，依醫療器材法規上市。",
        "Software that reads chest X-rays and flags suspected lesions is placed on the market as a regulated medical device.",
        "high",
        "作為受產品安全法規（如醫療器材）規範之產品或其安全元件的 AI，屬高風險，需符合性評鑑。",
        "AI that is, or is a safety component of, a product under product-safety law such as medical devices is high risk and needs a conformity assessment.",
        ("limited", "minimal", "prohibited"),
    ),
    Scenario(
        "toy",
        E,
        "hard",
        "一款語音互動玩具會用獎勵話術鼓勵兒童嘗試危險的挑戰動作。",
        "A voice-interactive toy uses reward talk to encourage children to try dangerous stunts.",
        "prohibited",
        "利用年齡造成的弱勢來操縱行為、可能造成重大傷害，屬禁止實務；不只是玩具安全或透明度問題。",
        "Exploiting vulnerabilities due to age to distort behaviour in a way likely to cause significant harm is banned; this is more than a toy-safety or transparency matter.",
        ("high", "limited", "minimal"),
    ),
    Scenario(
        "emergency-triage",
        E,
        "hard",
        "消防局以 AI 評估緊急報案電話的內容，決定救護車派遣的優先順序。",
        "A fire department uses AI to assess emergency calls and set the priority of ambulance dispatch.",
        "high",
        "評估緊急電話並決定緊急應變派遣優先序，屬列舉的高風險用途（基本服務的取得）。",
        "Evaluating emergency calls and prioritising dispatch of emergency services is a listed high-risk use (access to essential services).",
        ("prohibited", "limited", "minimal"),
    ),
    Scenario(
        "crime-profile",
        E,
        "hard",
        "某系統僅依個人的人格特質與家庭背景，預測其未來犯罪的可能性，供警方鎖定對象。",
        "A system predicts how likely a person is to commit a crime solely from their personality traits and family background, so police can target them.",
        "prohibited",
        "僅依剖繪或人格特質評估個人犯罪風險屬禁止實務；有客觀事實支持的輔助評估才可能落入高風險類別。",
        "Assessing a person's risk of offending solely from profiling or personality traits is banned; only assessments that support a human judgement based on objective facts may fall into high risk.",
        ("high", "limited", "minimal"),
    ),
    Scenario(
        "gig-allocation",
        E,
        "hard",
        "外送平台依外送員的行為資料自動分派訂單並監控其績效，表現差者會被減少派單。",
        "A delivery platform allocates orders automatically from riders' behavioural data and monitors their performance; low performers get fewer orders.",
        "high",
        "依個人行為分派工作、監控與評估勞動者績效，屬列舉的就業領域高風險用途。",
        "Allocating tasks on the basis of behaviour and monitoring and evaluating workers' performance is a listed employment high-risk use.",
        ("prohibited", "limited", "minimal"),
    ),
    Scenario(
        "biometric-cat",
        E,
        "hard",
        "廣告商想用模型從臉部照片推論使用者的政治傾向與性傾向，以投放客製化廣告。",
        "An advertiser wants a model to infer users' political opinions and sexual orientation from face photos to target ads.",
        "prohibited",
        "以生物特徵分類推論政治傾向、性傾向等敏感特徵屬禁止實務。",
        "Biometric categorisation that infers sensitive traits such as political opinions or sexual orientation is banned.",
        ("high", "limited", "minimal"),
    ),
    Scenario(
        "realtime-rbi",
        E,
        "hard",
        "警方擬在車站全面啟用即時遠端人臉辨識，對所有行人進行一般性監控，並非針對特定重大案件。",
        "Police plan to run real-time remote face recognition on everyone at a station for general surveillance, not for a specific serious case.",
        "prohibited",
        "執法目的在公共場所進行即時遠端生物辨識原則禁止，只有尋找特定被害人、防止迫切威脅等狹窄例外；一般性監控不在例外內。",
        "Real-time remote biometric identification in public spaces for law enforcement is banned in principle, with narrow exceptions (searching for specific victims, preventing an imminent threat); general surveillance is not one of them.",
        ("high", "limited", "minimal"),
    ),
]

# --- Ethical principles ------------------------------------------------------------------------
PRINCIPLES = {
    "fairness": Category(
        "公平性",
        "Fairness",
        "系統不應因性別、族群、年齡等因素對群體造成不合理的差別待遇",
        "the system should not treat groups unjustly differently by sex, ethnicity, age and the like",
    ),
    "transparency": Category(
        "透明與可解釋性",
        "Transparency and explainability",
        "受影響者能知道有 AI 參與決策，並能理解主要的決策理由",
        "affected people can know that AI is involved and understand the main reasons for a decision",
    ),
    "privacy": Category(
        "隱私保護",
        "Privacy",
        "個人資料的蒐集與利用應合法、必要且在原目的範圍內",
        "personal data should be collected and used lawfully, only as needed and within the original purpose",
    ),
    "accountability": Category(
        "當責",
        "Accountability",
        "有明確的人或單位為 AI 系統的結果負責，並能追溯決策過程",
        "a named person or unit answers for the system's outcomes and decisions can be traced",
    ),
    "safety": Category(
        "安全與穩健",
        "Safety and robustness",
        "系統在異常或惡意輸入下仍可靠，失效時不致造成傷害",
        "the system stays reliable under unusual or hostile inputs and fails without causing harm",
    ),
    "oversight": Category(
        "人為監督",
        "Human oversight",
        "重要決定保留由人審查、介入或推翻 AI 結果的機會",
        "people can review, intervene in and override the AI's output for important decisions",
    ),
}
PRINCIPLE_Q = (
    "此情境最直接涉及下列哪一項可信任 AI 原則？",
    "Which trustworthy-AI principle does this situation most directly concern?",
)
PRINCIPLE_SCENARIOS = [
    Scenario(
        "loan-reason",
        A,
        "easy",
        "民眾申請貸款被拒，詢問原因時，銀行只回覆「系統判定不通過」。",
        "A loan applicant is refused and, asking why, is told only that 'the system said no'.",
        "transparency",
        "申請人無從得知決策理由，核心問題是透明與可解釋性。",
        "The applicant cannot learn the reasons for the decision: the core issue is transparency and explainability.",
    ),
    Scenario(
        "face-skin",
        A,
        "easy",
        "某人臉辨識門禁對膚色較深的員工誤拒率明顯偏高。",
        "A face-recognition door system wrongly rejects darker-skinned employees far more often than others.",
        "fairness",
        "錯誤率因族群特徵而系統性不同，是公平性問題。",
        "Error rates differ systematically by an ethnic trait: a fairness problem.",
    ),
    Scenario(
        "chat-logs-ads",
        A,
        "easy",
        "客服聊天紀錄原本用於改善服務，公司打算未經告知改拿來投放個人化廣告。",
        "Customer-service chat logs collected to improve service are to be reused for personalised ads without telling customers.",
        "privacy",
        "超出原蒐集目的利用個人資料，是隱私保護問題。",
        "Reusing personal data beyond the purpose it was collected for is a privacy issue.",
    ),
    Scenario(
        "no-owner",
        A,
        "medium",
        "模型上線後出錯造成客戶損失，但資料、模型與業務部門彼此推諉，沒有人能說明是誰核准上線。",
        "A deployed model's error costs customers money, but the data, modelling and business teams blame each other and no one can say who approved the release.",
        "accountability",
        "沒有明確負責人與可追溯的核准紀錄，是當責問題。",
        "No named owner and no traceable approval record: an accountability problem.",
    ),
    Scenario(
        "sticker-sign",
        A,
        "medium",
        "研究發現在停車標誌貼上幾張小貼紙，就能讓自駕車的辨識模型誤判為速限標誌。",
        "Researchers find that a few small stickers on a stop sign make a self-driving car's model read it as a speed-limit sign.",
        "safety",
        "模型在刻意干擾下失效並可能造成危害，是安全與穩健性問題。",
        "The model fails under deliberate interference and could cause harm: a safety and robustness problem.",
    ),
    Scenario(
        "auto-dismiss",
        P,
        "medium",
        "物流公司讓系統依績效分數自動寄出解僱通知，主管無法事先檢視或撤回。",
        "A logistics firm lets a system send dismissal notices automatically from performance scores; managers cannot review or stop them first.",
        "oversight",
        "重大決定完全自動化且無人能介入，核心是人為監督的缺失。",
        "A major decision is fully automated and no one can intervene: the core gap is human oversight.",
        ("accountability", "transparency", "fairness"),
    ),
    Scenario(
        "age-proxy",
        P,
        "hard",
        "保險公司的模型未使用年齡欄位，但以「手機型號」與「使用社群平台」推估，結果對高齡客戶報價普遍偏高。",
        "An insurer's model does not use age, but phone model and social-media use act as stand-ins, and older customers get systematically higher quotes.",
        "fairness",
        "移除敏感欄位後，代理變數仍造成群體間的不利差別待遇，屬公平性問題。",
        "With the sensitive field removed, proxy variables still cause adverse group differences: a fairness problem.",
        ("privacy", "transparency", "safety"),
    ),
    Scenario(
        "no-log",
        P,
        "medium",
        "監理機關要求說明某筆理賠為何被拒，但系統沒有保存當時的模型版本與輸入資料，無法重現。",
        "A regulator asks why a claim was rejected, but the system kept neither the model version nor the inputs, so the decision cannot be reproduced.",
        "accountability",
        "無法追溯與重現決策，妨礙問責，屬當責（含可稽核性）問題。",
        "The decision cannot be traced or reproduced, which blocks anyone answering for it: accountability (including auditability).",
        ("transparency", "safety", "oversight"),
    ),
    Scenario(
        "rubber-stamp",
        E,
        "hard",
        "醫院導入 AI 分診建議，規定須由護理師確認；但護理師平均每筆只花 2 秒、幾乎從不修改建議。",
        "A hospital's AI triage suggestions must be confirmed by a nurse, yet nurses spend about 2 seconds per case and almost never change a suggestion.",
        "oversight",
        "形式上有人確認，實際上出現自動化偏誤（automation bias），人為監督並未發揮作用。",
        "A human signs off on paper, but automation bias means the oversight does not actually work.",
        ("accountability", "transparency", "safety"),
    ),
    Scenario(
        "prompt-leak-pii",
        E,
        "hard",
        "內部知識問答機器人在被追問時，會把訓練文件中員工的身分證字號與住址一併回覆。",
        "An internal Q&A bot, when pressed, repeats employees' national ID numbers and home addresses found in its source documents.",
        "privacy",
        "系統揭露了不必要的個人資料，首要是隱私保護問題（資訊安全控制是實現手段）。",
        "The system discloses personal data it has no need to reveal: first of all a privacy issue (security controls are the means to fix it).",
        ("safety", "accountability", "transparency"),
    ),
]


def _fairness_family() -> list[ItemSpec]:
    """Disparate impact (four-fifths rule) and equal opportunity from described outcomes."""
    rng = random.Random("aicert-demo:5.2-fair")
    groups = [
        (
            "女性應徵者",
            "男性應徵者",
            "female applicants",
            "male applicants",
            "錄取面試",
            "invited to interview",
        ),
        (
            "45 歲以上申請人",
            "未滿 45 歲申請人",
            "applicants aged 45+",
            "applicants under 45",
            "核准貸款",
            "approved for a loan",
        ),
        (
            "東部縣市居民",
            "北部縣市居民",
            "residents of eastern counties",
            "residents of northern counties",
            "獲得保費優惠",
            "offered a premium discount",
        ),
        (
            "新住民申請人",
            "本國籍申請人",
            "immigrant applicants",
            "Taiwan-born applicants",
            "通過租屋資格審查",
            "passed the tenancy screening",
        ),
        (
            "身心障礙應徵者",
            "其他應徵者",
            "applicants with disabilities",
            "other applicants",
            "進入複試",
            "passed to the second round",
        ),
    ]
    specs: list[ItemSpec] = []
    levels = [A, P, P, E, E]
    for index, (b_zh, a_zh, b_en, a_en, act_zh, act_en) in enumerate(groups):
        n_a = rng.choice([400, 500, 600, 800])
        n_b = rng.choice([150, 200, 250, 300])
        rate_a = rng.choice([0.30, 0.35, 0.40, 0.45, 0.50])
        rate_b = rate_a * rng.choice([0.55, 0.65, 0.70, 0.75, 0.90])
        s_a, s_b = round(n_a * rate_a), round(n_b * rate_b)
        ra, rb = s_a / n_a, s_b / n_b
        ratio = rb / ra
        level = levels[index]
        verdict_zh = (
            "低於 0.8，依 4/5 法則應視為可能的不利影響並深入檢視"
            if ratio < 0.8
            else "不低於 0.8，未觸及 4/5 法則的警示門檻，但仍需持續監測"
        )
        verdict_en = (
            "below 0.8, so the four-fifths rule flags possible adverse impact to investigate"
            if ratio < 0.8
            else "at least 0.8, so the four-fifths rule raises no flag, though monitoring continues"
        )
        specs.append(
            computed(
                f"5.2-di-{index + 1}",
                level,
                D,
                "apply",
                "medium" if level != E else "hard",
                (
                    f"某 AI 篩選系統上線一季：{a_zh} {n_a} 人中有 {s_a} 人{act_zh}，{b_zh} {n_b} 人中有 {s_b} 人{act_zh}。以 4/5 法則檢視時，{b_zh}相對於{a_zh}的不利影響比（disparate impact ratio）為何？（取小數點後兩位）",
                    f"In its first quarter, an AI screening system saw {s_a} of {n_a} {a_en} {act_en}, and {s_b} of {n_b} {b_en}. For a four-fifths-rule check, what is the disparate impact ratio of {b_en} relative to {a_en}? (two decimal places)",
                ),
                ratio,
                (
                    f"比較的是兩組的「比率」：{b_zh} {s_b}/{n_b} = {rb:.3f}，{a_zh} {s_a}/{n_a} = {ra:.3f}，{rb:.3f}/{ra:.3f} ≈ {ratio:.2f}，{verdict_zh}。",
                    f"Compare the rates: {s_b}/{n_b} = {rb:.3f} for {b_en}, {s_a}/{n_a} = {ra:.3f} for {a_en}; {rb:.3f}/{ra:.3f} ≈ {ratio:.2f}, {verdict_en}.",
                ),
                [
                    Mistake(
                        ra / rb,
                        "把分子分母倒過來（參考組/受影響組），比值會大於 1，看不出不利影響。",
                        "The ratio is upside down (reference over affected group): it exceeds 1 and hides the adverse impact.",
                    ),
                    Mistake(
                        s_b / s_a,
                        "直接拿人數相除，忽略兩組的申請人數不同；應比較比率。",
                        "Dividing head counts ignores that the groups differ in size; compare rates.",
                    ),
                    Mistake(
                        ra - rb,
                        "這是兩組比率的差（統計均等差），不是 4/5 法則所用的比值。",
                        "That is the difference of the rates (statistical parity difference), not the ratio the four-fifths rule uses.",
                    ),
                    Mistake(
                        1 - ratio,
                        "這是比值與 1 的差距，不是比值本身。",
                        "That is how far the ratio falls short of 1, not the ratio itself.",
                    ),
                ],
            )
        )
    # Equal opportunity: compare true-positive rates among the qualified.
    for index in range(3):
        level = P if index == 0 else E
        tp_a, fn_a = rng.choice([(160, 40), (180, 20), (140, 60)])
        tp_b, fn_b = rng.choice([(45, 30), (50, 50), (36, 24)])
        fp_a, tn_a = rng.choice([(30, 270), (40, 260)])
        fp_b, tn_b = rng.choice([(10, 115), (15, 105)])
        tpr_a, tpr_b = tp_a / (tp_a + fn_a), tp_b / (tp_b + fn_b)
        prec_a, prec_b = tp_a / (tp_a + fp_a), tp_b / (tp_b + fp_b)
        sel_a = (tp_a + fp_a) / (tp_a + fn_a + fp_a + tn_a)
        sel_b = (tp_b + fp_b) / (tp_b + fn_b + fp_b + tn_b)
        fpr_a, fpr_b = fp_a / (fp_a + tn_a), fp_b / (fp_b + tn_b)
        specs.append(
            computed(
                f"5.2-eo-{index + 1}",
                level,
                D,
                "analyse",
                "hard",
                (
                    f"一個預測「適合晉升」的模型在驗證資料上的結果如下。A 組：TP={tp_a}、FN={fn_a}、FP={fp_a}、TN={tn_a}；B 組：TP={tp_b}、FN={fn_b}、FP={fp_b}、TN={tn_b}。以「機會均等」（equal opportunity）衡量，A 組與 B 組的差距為何？（A 組減 B 組，取小數點後兩位）",
                    f"A model that predicts 'ready for promotion' gives these validation results. Group A: TP={tp_a}, FN={fn_a}, FP={fp_a}, TN={tn_a}; group B: TP={tp_b}, FN={fn_b}, FP={fp_b}, TN={tn_b}. Measured by equal opportunity, what is the gap between the groups? (A minus B, two decimal places)",
                ),
                tpr_a - tpr_b,
                (
                    f"機會均等比較「真正合格者被判合格的比率」（召回率 TPR）：A = {tp_a}/{tp_a + fn_a} = {tpr_a:.3f}，B = {tp_b}/{tp_b + fn_b} = {tpr_b:.3f}，差 {tpr_a - tpr_b:.2f}。",
                    f"Equal opportunity compares the true-positive rate among those truly qualified: A = {tp_a}/{tp_a + fn_a} = {tpr_a:.3f}, B = {tp_b}/{tp_b + fn_b} = {tpr_b:.3f}, a gap of {tpr_a - tpr_b:.2f}.",
                ),
                [
                    Mistake(
                        prec_a - prec_b,
                        "這是精確率（TP/(TP+FP)）的差，屬於預測價值的比較，不是機會均等。",
                        "That is the gap in precision (TP/(TP+FP)), a comparison of predictive value, not equal opportunity.",
                    ),
                    Mistake(
                        sel_a - sel_b,
                        "這是被判合格比率的差（人口統計均等），未以真正合格者為基準。",
                        "That is the gap in the rate of positive predictions (demographic parity), not conditioned on who is truly qualified.",
                    ),
                    Mistake(
                        fpr_a - fpr_b,
                        "這是偽陽性率的差，屬「均等化勝算」的另一半，不是機會均等所比較的量。",
                        "That is the gap in false-positive rates, the other half of equalised odds, not what equal opportunity compares.",
                    ),
                    Mistake(
                        tpr_b - tpr_a,
                        "方向相反：題目要求 A 組減 B 組。",
                        "Wrong direction: the question asks for A minus B.",
                    ),
                ],
            )
        )
    return specs


def _risk_register_family() -> list[ItemSpec]:
    """Which risk of a small register to treat first, by likelihood x impact."""
    rng = random.Random("aicert-demo:5.2-risk")
    risks = [
        ("模型對少數族群誤判率偏高", "the model errs more often for a minority group"),
        (
            "訓練資料含未授權的個人資料",
            "the training data holds personal data collected without a legal basis",
        ),
        ("供應商停止提供模型 API", "the vendor discontinues the model API"),
        ("生成內容出現不實資訊被客戶引用", "customers quote false generated content"),
        ("模型效能隨季節變化而下降", "model performance drops with seasonal change"),
        ("提示注入導致內部文件外洩", "prompt injection leaks internal documents"),
        ("使用者過度依賴 AI 建議", "users over-rely on AI suggestions"),
        ("標註外包品質不一致", "outsourced labelling is of uneven quality"),
    ]
    specs = []
    for index in range(5):
        while True:
            chosen = rng.sample(risks, 4)
            scores = [(rng.randint(1, 5), rng.randint(1, 5)) for _ in chosen]
            prod = [lk * im for lk, im in scores]
            best = max(prod)
            by_l = max(s[0] for s in scores)
            by_i = max(s[1] for s in scores)
            if (
                prod.count(best) == 1
                and [s[0] for s in scores].count(by_l) == 1
                and [s[1] for s in scores].count(by_i) == 1
            ):
                top = prod.index(best)
                top_l = [s[0] for s in scores].index(by_l)
                top_i = [s[1] for s in scores].index(by_i)
                if len({top, top_l, top_i}) == 3:
                    break
        table_zh = "；".join(
            f"{chr(65 + k)}. {r[0]}（可能性 {s[0]}、衝擊 {s[1]}）"
            for k, (r, s) in enumerate(zip(chosen, scores, strict=True))
        )
        table_en = "; ".join(
            f"{chr(65 + k)}. {r[1]} (likelihood {s[0]}, impact {s[1]})"
            for k, (r, s) in enumerate(zip(chosen, scores, strict=True))
        )
        options = []
        for k, (r, s) in enumerate(zip(chosen, scores, strict=True)):
            score = s[0] * s[1]
            label = chr(65 + k)
            if k == top:
                options.append(
                    ok(
                        f"{label}：{r[0]}",
                        f"風險值 = 可能性 × 衝擊 = {s[0]}×{s[1]} = {score}，為四者最高，應優先處理。",
                        f"{label}: {r[1]}",
                        f"Risk = likelihood × impact = {s[0]}×{s[1]} = {score}, the highest of the four: treat it first.",
                    )
                )
            elif k == top_l:
                options.append(
                    no(
                        f"{label}：{r[0]}",
                        f"可能性雖最高，但風險值只有 {s[0]}×{s[1]} = {score}，低於 {best}；只看可能性會忽略衝擊。",
                        f"{label}: {r[1]}",
                        f"It is the most likely, but its risk is only {s[0]}×{s[1]} = {score}, below {best}; likelihood alone ignores impact.",
                    )
                )
            elif k == top_i:
                options.append(
                    no(
                        f"{label}：{r[0]}",
                        f"衝擊雖最高，但風險值只有 {s[0]}×{s[1]} = {score}，低於 {best}；只看衝擊會忽略發生機率。",
                        f"{label}: {r[1]}",
                        f"It has the highest impact, but its risk is only {s[0]}×{s[1]} = {score}, below {best}; impact alone ignores likelihood.",
                    )
                )
            else:
                options.append(
                    no(
                        f"{label}：{r[0]}",
                        f"風險值 {s[0]}×{s[1]} = {score}，低於 {best}。",
                        f"{label}: {r[1]}",
                        f"Risk {s[0]}×{s[1]} = {score}, below {best}.",
                    )
                )
        level = P if index < 3 else E
        specs.append(
            single(
                f"5.2-risk-{index + 1}",
                level,
                D,
                "apply" if level == P else "analyse",
                "medium" if level == P else "hard",
                (
                    f"AI 專案風險登錄表以 1–5 分評估可能性與衝擊，風險值 = 可能性 × 衝擊：{table_zh}。應優先處理哪一項？",
                    f"An AI project's risk register rates likelihood and impact from 1 to 5, with risk = likelihood × impact: {table_en}. Which risk should be treated first?",
                ),
                options,
                order="fixed",
            )
        )
    return specs


def _hand_written() -> list[ItemSpec]:
    return [
        # PDPA (Taiwan), in general terms
        single(
            "5.2-pdpa-notice",
            A,
            D,
            "understand",
            "easy",
            (
                "依臺灣《個人資料保護法》的一般原則，企業直接向當事人蒐集個人資料以訓練客服模型時，下列何者是蒐集時應做到的事？",
                "Under the general principles of Taiwan's Personal Data Protection Act (PDPA), what must a company do when it collects personal data directly from people to train a customer-service model?",
            ),
            [
                ok(
                    "告知蒐集者名稱、蒐集目的、資料類別與利用方式，以及當事人可行使的權利",
                    "直接蒐集時須履行告知義務，讓當事人知道誰、為何、如何利用其資料以及其權利。",
                    "Tell them who is collecting, the purpose, the data categories and how the data will be used, and the rights they can exercise",
                    "Direct collection carries a duty to inform: people must know who uses their data, why, how, and what rights they have.",
                ),
                no(
                    "只要資料會去識別化，就不需告知當事人",
                    "去識別化是後續保護措施，不能免除蒐集當下的告知義務。",
                    "Nothing needs to be said as long as the data will later be de-identified",
                    "De-identification is a later safeguard; it does not remove the duty to inform at collection.",
                ),
                no(
                    "在隱私權政策中寫明資料將永久保存即可，無需說明目的",
                    "特定目的是蒐集的核心要件；只寫保存期間而不說明目的並不符合要求。",
                    "State in the privacy policy that the data is kept forever; the purpose need not be given",
                    "A specific purpose is central to lawful collection; stating a retention period without a purpose does not meet the rules.",
                ),
                no(
                    "取得當事人簽署「放棄查詢與刪除權利」的同意書",
                    "當事人的查詢、更正、刪除等權利不得預先拋棄或以契約限制。",
                    "Have people sign away their rights to access and erase their data",
                    "Data subjects' rights of access, correction and erasure cannot be waived in advance or limited by contract.",
                ),
            ],
        ),
        single(
            "5.2-pdpa-rights",
            A,
            D,
            "remember",
            "easy",
            (
                "下列何者「不是」臺灣《個人資料保護法》賦予當事人的權利？",
                "Which of these is NOT a right that Taiwan's PDPA gives data subjects?",
            ),
            [
                ok(
                    "要求企業公開其模型的原始程式碼",
                    "個資法保障的是當事人對「自己的資料」的權利，不包含要求公開模型程式碼。",
                    "Requiring the company to publish its model's source code",
                    "The PDPA gives people rights over their own data; it does not include a right to a model's source code.",
                ),
                no(
                    "請求查詢或閱覽自己的個人資料",
                    "查詢、閱覽是當事人的法定權利之一。",
                    "Asking to access or inspect their own personal data",
                    "Access and inspection are among the statutory rights.",
                ),
                no(
                    "請求補充或更正自己的個人資料",
                    "補充或更正是當事人的法定權利之一。",
                    "Asking to supplement or correct their personal data",
                    "Supplementing or correcting data is one of the statutory rights.",
                ),
                no(
                    "請求停止蒐集、處理或利用，或請求刪除",
                    "停止利用與刪除同屬當事人的法定權利。",
                    "Asking that collection, processing or use stop, or that the data be erased",
                    "Stopping use and erasure are statutory rights too.",
                ),
            ],
        ),
        single(
            "5.2-pdpa-sensitive",
            A,
            D,
            "understand",
            "medium",
            (
                "健康管理 App 想用會員上傳的健康檢查報告訓練疾病風險模型。依臺灣個資法的一般原則，這類資料的處理有何特別之處？",
                "A health app wants to train a disease-risk model on members' uploaded health check-up reports. Under the general principles of Taiwan's PDPA, what is special about this data?",
            ),
            [
                ok(
                    "健康檢查屬特種個人資料，原則上不得蒐集、處理或利用，只有在法定例外（如當事人書面同意等）下才可以",
                    "醫療、基因、性生活、健康檢查與犯罪前科屬特種個資，適用更嚴格的原則禁止、例外允許。",
                    "Health check-up data is a special category: as a rule it may not be collected, processed or used except under statutory exceptions such as written consent",
                    "Medical, genetic, sex-life, health check-up and criminal-record data are special categories: prohibited by default, allowed only by exception.",
                ),
                no(
                    "只要資料存放在臺灣境內，就與一般個資相同處理",
                    "資料所在地不改變其屬特種個資的性質。",
                    "As long as the data is stored in Taiwan it is treated like any other personal data",
                    "Where the data is stored does not change its special-category status.",
                ),
                no(
                    "健康資料不屬個人資料，因為只描述身體狀況",
                    "可直接或間接識別個人的健康資料當然是個人資料，而且屬特種個資。",
                    "Health data is not personal data because it only describes the body",
                    "Health data that identifies a person directly or indirectly is personal data, and of a special category.",
                ),
                no(
                    "會員已同意服務條款，因此可以任意用於任何模型",
                    "概括同意服務條款並不等於針對特定目的、符合法定方式的同意，也不能任意擴張利用範圍。",
                    "Members accepted the terms of service, so the data may be used for any model",
                    "Accepting general terms is not consent for a specific purpose in the required form, nor does it allow unlimited use.",
                ),
            ],
        ),
        single(
            "5.2-pdpa-purpose",
            P,
            D,
            "apply",
            "medium",
            (
                "電商平台原以「履行訂單與配送」為目的蒐集顧客地址與購買紀錄，現在想用同一批資料訓練跨售推薦模型並寄送行銷訊息。依臺灣個資法的一般原則，最恰當的作法是什麼？",
                "An e-commerce platform collected customers' addresses and purchase histories to fulfil and deliver orders. It now wants to train a cross-selling model on them and send marketing messages. Under the general principles of Taiwan's PDPA, what is the most appropriate course?",
            ),
            [
                ok(
                    "確認是否有目的外利用的法定事由（例如取得當事人同意），並在行銷時提供拒絕接受的方式、當事人拒絕後即停止",
                    "超出原蒐集目的須有法定例外；用於行銷時當事人表示拒絕就應停止，首次行銷也應提供拒絕方式。",
                    "Check for a legal ground for use beyond the original purpose (such as consent), offer a way to refuse marketing, and stop when a customer refuses",
                    "Use beyond the original purpose needs a statutory exception; marketing must stop when the person objects, and a way to refuse should be offered from the first message.",
                ),
                no(
                    "資料本來就在公司手上，內部再利用不需任何評估",
                    "「在手上」不代表可任意利用；目的外利用仍須符合法定要件。",
                    "The company already holds the data, so internal reuse needs no assessment",
                    "Holding data does not mean any use is allowed; use beyond the purpose still needs a legal ground.",
                ),
                no(
                    "先訓練模型並寄送行銷訊息，等有客戶抱怨再處理",
                    "事後補救無法使當下的目的外利用合法，也違反當事人拒絕行銷的權利。",
                    "Train the model and send the messages first, and deal with complaints if any arrive",
                    "Fixing things afterwards does not make the use lawful at the time, and ignores people's right to refuse marketing.",
                ),
                no(
                    "把姓名欄位刪除即可，地址與購買紀錄仍可識別但不算個資",
                    "地址與購買紀錄仍可間接識別個人，刪除姓名並不會讓資料變成非個資。",
                    "Delete the name column; addresses and purchase histories still identify people but are not personal data",
                    "Addresses and purchase histories still identify people indirectly; deleting names does not make them non-personal.",
                ),
            ],
        ),
        single(
            "5.2-pdpa-breach",
            P,
            D,
            "apply",
            "medium",
            (
                "公司發現其 AI 客服系統的對話紀錄資料庫遭未授權存取，內含客戶姓名與電話。依臺灣個資法的一般原則，除了止血與調查外，公司還應做什麼？",
                "A company finds its AI customer-service chat-log database was accessed without authorisation; it holds customers' names and phone numbers. Under the general principles of Taiwan's PDPA, besides containing and investigating, what else must the company do?",
            ),
            [
                ok(
                    "查明後以適當方式通知受影響的當事人，並依規定通報主管機關",
                    "個資被竊取、洩漏時，應查明後以適當方式通知當事人；多數產業的主管機關亦要求限期通報。",
                    "Once the facts are established, notify the affected people in an appropriate way and report to the competent authority as required",
                    "When personal data is stolen or leaked, the affected people must be notified after investigation, and most sector regulators require a timely report.",
                ),
                no(
                    "只要資料沒有被公開張貼，就不需通知任何人",
                    "未經授權的存取本身即可能構成洩漏，不以公開張貼為要件。",
                    "Nobody needs to be told unless the data is posted publicly",
                    "Unauthorised access can itself be a leak; public posting is not required.",
                ),
                no(
                    "刪除整個資料庫以免再被存取，然後結案",
                    "刪除證據會妨礙調查，也未履行通知義務。",
                    "Delete the whole database so it cannot be accessed again, and close the case",
                    "Destroying the evidence hampers the investigation and skips the duty to notify.",
                ),
                no(
                    "改由模型供應商負責，公司本身沒有義務",
                    "委託他人處理時，委託者仍須負監督責任，不能把法定義務移轉掉。",
                    "Hand responsibility to the model vendor; the company itself has no duty",
                    "A controller that outsources processing keeps its duty to supervise; legal obligations cannot be handed off.",
                ),
            ],
        ),
        single(
            "5.2-pdpa-vendor",
            P,
            D,
            "analyse",
            "hard",
            (
                "公務機關委託廠商建置 AI 陳情分類系統，廠商需處理陳情人的個人資料。依臺灣個資法的一般原則，下列敘述何者正確？",
                "A government agency contracts a vendor to build an AI system that classifies citizens' petitions; the vendor will process petitioners' personal data. Under the general principles of Taiwan's PDPA, which statement is correct?",
            ),
            [
                ok(
                    "受託廠商在委託範圍內視同委託機關，機關應對廠商進行適當監督",
                    "受委託蒐集、處理或利用個資者，於個資法適用範圍內視同委託機關，委託機關須負監督之責。",
                    "Within the mandate the vendor is treated as the agency itself, and the agency must supervise it appropriately",
                    "Someone processing personal data on another's behalf is treated as the principal within the mandate, and the principal must supervise.",
                ),
                no(
                    "廠商取得資料後即成為資料的所有人，可用於自家產品訓練",
                    "受託者只能在委託範圍內處理，不能挪作自身用途。",
                    "Once the vendor has the data it owns it and may train its own products on it",
                    "A processor may act only within the mandate, never for its own purposes.",
                ),
                no(
                    "公務機關適用的規範與非公務機關完全相同，因此無須在契約中約定任何事項",
                    "公務與非公務機關的規定有所區分，且委託契約仍須約定處理範圍與安全措施。",
                    "Public and private bodies follow exactly the same rules, so the contract need say nothing",
                    "The rules differ for public and non-public bodies, and the contract must still set the scope and security measures.",
                ),
                no(
                    "只要廠商位於國外，就不受臺灣個資法規範",
                    "受託處理臺灣機關的個資仍在法規範圍；跨境傳輸也可能受主管機關限制。",
                    "A vendor based abroad is outside Taiwan's PDPA",
                    "Processing a Taiwanese agency's data on its behalf stays within the law, and cross-border transfers may be restricted.",
                ),
            ],
        ),
        single(
            "5.2-pdpa-scrape",
            E,
            D,
            "evaluate",
            "hard",
            (
                "一家公司計畫爬取論壇上公開的貼文（含暱稱、自我揭露的病史）來微調心理健康聊天機器人。就臺灣個資法與 AI 治理而言，下列何者是最恰當的判斷？",
                "A company plans to scrape public forum posts (nicknames, self-disclosed medical histories) to fine-tune a mental-health chatbot. In terms of Taiwan's PDPA and AI governance, which judgement is most appropriate?",
            ),
            [
                ok(
                    "「公開」不等於可任意利用：貼文可能可識別個人且含病歷等特種資料，應評估合法依據、最小化與去識別化，必要時改用取得同意或合成的資料",
                    "公開資料仍可能是個資，且病史屬特種資料；須有合法事由並做影響評估與最小化。",
                    "'Public' does not mean free to use: posts can identify people and contain special-category health data, so assess the legal basis, minimise and de-identify, and if needed use consented or synthetic data instead",
                    "Public data can still be personal data, and medical history is a special category: a legal ground, an impact assessment and minimisation are needed.",
                ),
                no(
                    "公開網頁資料一律不受個資法規範，可直接使用",
                    "資料是否公開不影響其是否為個資；法規對已公開資料的利用仍有條件。",
                    "Public web data is always outside the PDPA and can be used as is",
                    "Being public does not stop data being personal; the law still sets conditions on using it.",
                ),
                no(
                    "只要使用暱稱而非真名，就不是個資",
                    "暱稱結合貼文內容、時間與其他資訊仍可能間接識別個人。",
                    "Nicknames are not real names, so this is not personal data",
                    "A nickname combined with post content, timing and other information can still identify someone indirectly.",
                ),
                no(
                    "只要模型最後不輸出原文，訓練階段如何取得資料並不重要",
                    "蒐集與處理行為本身就須合法；輸出端的控制不能彌補蒐集階段的問題。",
                    "As long as the model never outputs the original text, how the training data was obtained does not matter",
                    "Collection and processing must themselves be lawful; controls on output cannot cure unlawful collection.",
                ),
            ],
        ),
        single(
            "5.2-pdpa-crossborder",
            E,
            D,
            "evaluate",
            "hard",
            (
                "臺灣一家醫院想把去識別化不完全的病歷摘要送到境外雲端的大型語言模型服務做摘要。身為 AI 治理負責人，最恰當的建議是？",
                "A Taiwanese hospital wants to send partly de-identified medical-record summaries to an overseas cloud LLM service for summarisation. As the AI governance lead, what is the most appropriate advice?",
            ),
            [
                ok(
                    "先完成隱私影響評估，確認法定依據、跨境傳輸限制與契約保障（含不得用於訓練、刪除期限），並評估在地部署或進一步去識別化",
                    "病歷屬特種個資，跨境傳輸可能受限制；應以評估與契約控管風險，並考慮降低資料識別性的替代方案。",
                    "Complete a privacy impact assessment first: confirm the legal basis, any cross-border restrictions and contractual safeguards (no training on the data, deletion deadlines), and consider on-premise deployment or stronger de-identification",
                    "Medical records are special-category data and cross-border transfers may be restricted: manage the risk with assessment and contracts, and consider alternatives that lower identifiability.",
                ),
                no(
                    "雲端服務商通過國際資安認證，因此不需其他評估",
                    "資安認證有助於安全，但不取代合法依據、目的限制與跨境傳輸的評估。",
                    "The cloud provider holds an international security certification, so nothing else is needed",
                    "A security certification helps, but it does not replace checking the legal basis, purpose limits and cross-border rules.",
                ),
                no(
                    "既然已部分去識別化，就不再屬個資，可直接傳送",
                    "去識別化不完全的資料仍可能間接識別病人，依然是個資。",
                    "It is partly de-identified, so it is no longer personal data and can be sent",
                    "Partly de-identified data can still identify patients indirectly; it is still personal data.",
                ),
                no(
                    "一律禁止使用任何生成式 AI，避免所有風險",
                    "全面禁止雖降低風險，但忽略了可透過評估與控制安全使用的選項，並非最恰當的治理建議。",
                    "Ban every generative AI tool outright to avoid all risk",
                    "A blanket ban lowers risk but ignores options that can be used safely with assessment and controls; it is not the best governance advice.",
                ),
            ],
        ),
        # Other law & ethics
        single(
            "5.2-aiact-gpai",
            E,
            D,
            "understand",
            "medium",
            (
                "依歐盟《人工智慧法》的一般架構，提供通用目的 AI 模型（如大型語言模型）的業者，主要須負擔哪一類義務？",
                "Under the general structure of the EU AI Act, what kind of obligations fall mainly on providers of general-purpose AI models such as large language models?",
            ),
            [
                ok(
                    "備妥技術文件、提供下游業者必要資訊、制定著作權遵循政策並公開訓練內容摘要；具系統性風險的模型另需評估與減緩風險",
                    "通用目的 AI 模型提供者有文件與透明度義務，具系統性風險者須額外進行模型評估、事件通報與資安措施。",
                    "Keep technical documentation, inform downstream providers, have a copyright-compliance policy and publish a summary of training content; models with systemic risk must also evaluate and mitigate risks",
                    "General-purpose model providers carry documentation and transparency duties; those with systemic risk add evaluations, incident reporting and cybersecurity.",
                ),
                no(
                    "完全不受規範，因為模型本身沒有特定用途",
                    "法規對通用目的 AI 模型另設專章義務，並非不受規範。",
                    "None at all, because the model has no specific purpose",
                    "The Act has a separate set of duties for general-purpose models; they are not unregulated.",
                ),
                no(
                    "所有通用模型一律視為禁止實務，不得在歐盟提供",
                    "禁止實務針對特定用途，而非通用模型本身。",
                    "All general-purpose models count as prohibited practices and may not be offered in the EU",
                    "Prohibitions target specific uses, not general-purpose models as such.",
                ),
                no(
                    "只需在使用者介面加註「本服務使用 AI」即可",
                    "揭露 AI 互動是部署者或系統層級的透明度義務之一，不足以涵蓋模型提供者的義務。",
                    "Only a note in the user interface saying 'this service uses AI'",
                    "Disclosing AI interaction is one transparency duty at system level; it does not cover model providers' obligations.",
                ),
            ],
        ),
        single(
            "5.2-aiact-deployer",
            E,
            D,
            "analyse",
            "hard",
            (
                "一家歐盟境內的銀行「採購」並使用他人開發的高風險信用評分系統。依歐盟《人工智慧法》的一般架構，銀行作為部署者（deployer）應負何種責任？",
                "A bank in the EU buys and uses a high-risk credit-scoring system developed by someone else. Under the general structure of the EU AI Act, what is the bank responsible for as the deployer?",
            ),
            [
                ok(
                    "依使用說明使用、指派具能力的人員進行人為監督、確保輸入資料與用途相符、監控運作並保存紀錄，發現風險時通報提供者",
                    "部署者有自己的義務：依說明使用、人為監督、輸入資料相關性、監控與紀錄保存等，不能全推給提供者。",
                    "Use it according to the instructions, assign competent people to oversee it, make sure input data fits the purpose, monitor its operation, keep logs, and report risks to the provider",
                    "Deployers have their own duties—use per instructions, human oversight, relevant input data, monitoring and log keeping—that cannot be pushed onto the provider.",
                ),
                no(
                    "完全沒有責任，所有義務都由開發的提供者承擔",
                    "提供者負主要的符合性義務，但部署者仍有獨立的使用面義務。",
                    "None: the developer, as provider, carries every obligation",
                    "The provider carries the main conformity duties, but the deployer has separate duties of use.",
                ),
                no(
                    "必須重新訓練模型並自行完成符合性評鑑",
                    "一般情況下符合性評鑑由提供者進行；部署者若大幅修改系統才可能被視為提供者。",
                    "It must retrain the model and run the conformity assessment itself",
                    "Conformity assessment normally falls to the provider; a deployer becomes a provider only if it substantially modifies the system.",
                ),
                no(
                    "只要在契約中約定由供應商負全責，即可免除銀行的法定義務",
                    "法定義務不能以契約排除。",
                    "A contract clause making the vendor fully liable removes the bank's legal duties",
                    "Statutory duties cannot be contracted away.",
                ),
            ],
        ),
        single(
            "5.2-model-card",
            P,
            D,
            "understand",
            "medium",
            (
                "團隊要為即將上線的模型撰寫「模型卡」（model card）。下列哪一項內容最不屬於模型卡應包含的範圍？",
                "A team is writing a model card for a model about to go live. Which content belongs LEAST in a model card?",
            ),
            [
                ok(
                    "競爭對手的模型參數與售價",
                    "模型卡描述「本模型」的用途、資料、效能與限制，不是市場情報。",
                    "Competitors' model parameters and prices",
                    "A model card describes this model—its use, data, performance and limits—not market intelligence.",
                ),
                no(
                    "預期用途與不適用的情境",
                    "說明預期用途與禁止用途是模型卡的核心，避免被誤用。",
                    "Intended uses and out-of-scope uses",
                    "Stating intended and out-of-scope uses is central to a model card, to prevent misuse.",
                ),
                no(
                    "依群體分列的評估結果",
                    "分群評估揭露可能的公平性差異，是模型卡的重要內容。",
                    "Evaluation results broken down by group",
                    "Disaggregated results reveal possible fairness gaps and are a key part of a model card.",
                ),
                no(
                    "訓練資料的來源與已知限制",
                    "資料來源與限制幫助使用者判斷適用範圍。",
                    "The training data's sources and known limitations",
                    "Data sources and limits help users judge where the model applies.",
                ),
            ],
        ),
        single(
            "5.2-copyright-output",
            A,
            D,
            "understand",
            "medium",
            (
                "行銷人員用生成式 AI 產出廣告圖，打算直接用於商業活動。從法律風險管理的角度，最恰當的作法是？",
                "A marketer generates an advertising image with generative AI and plans to use it commercially as is. From a legal-risk point of view, what is the most appropriate practice?",
            ),
            [
                ok(
                    "確認工具的授權條款允許商業使用，檢查圖像是否近似既有作品或商標，並保留生成紀錄",
                    "商用前須確認服務條款、避免侵害他人著作或商標，並保留紀錄以備爭議時說明。",
                    "Check the tool's licence allows commercial use, check the image does not closely resemble existing works or trademarks, and keep a record of how it was generated",
                    "Before commercial use, check the terms, avoid infringing others' works or marks, and keep records in case of a dispute.",
                ),
                no(
                    "AI 生成的內容一律沒有任何著作權爭議，可放心使用",
                    "生成內容仍可能與既有作品近似而有侵權風險，且各工具條款不同。",
                    "AI-generated content never raises copyright questions, so use it freely",
                    "Outputs can still resemble existing works and infringe, and tools' terms differ.",
                ),
                no(
                    "只要在圖上加註「AI 生成」就能免除一切侵權責任",
                    "標示有助於透明，但不能免除侵權責任。",
                    "Labelling the image 'AI-generated' removes all liability for infringement",
                    "Labelling helps transparency but does not remove liability.",
                ),
                no(
                    "把提示詞寫得越像某知名畫家的風格越安全",
                    "刻意模仿特定作品或作者反而提高爭議風險。",
                    "The closer the prompt imitates a famous artist's style, the safer",
                    "Deliberately imitating a specific work or author raises the risk of a dispute.",
                ),
            ],
        ),
        single(
            "5.2-impact-assessment",
            P,
            D,
            "apply",
            "medium",
            (
                "市政府計畫導入 AI 協助判斷社會住宅申請的優先順序。在開發前進行 AI 影響評估時，下列哪一個問題最優先需要回答？",
                "A city plans to use AI to help prioritise social-housing applications. In an AI impact assessment before development, which question needs answering first?",
            ),
            [
                ok(
                    "誰會受到決策影響、可能造成哪些不利後果，以及受影響者如何提出異議與獲得人工複核",
                    "影響評估的起點是受影響者、潛在傷害與救濟機制，之後才談技術選擇。",
                    "Who is affected by the decisions, what harm could result, and how affected people can contest them and get a human review",
                    "An impact assessment starts from the people affected, potential harms and redress, before any technical choice.",
                ),
                no(
                    "要選用哪一家雲端供應商的 GPU",
                    "硬體選擇是後續實作細節，不是影響評估的優先問題。",
                    "Which cloud provider's GPUs to use",
                    "Hardware is a later implementation detail, not an impact-assessment priority.",
                ),
                no(
                    "模型的準確率能否超過 99%",
                    "準確率重要，但在尚未釐清影響與公平性前，單一準確率目標無法回答是否適合使用 AI。",
                    "Whether the model can exceed 99% accuracy",
                    "Accuracy matters, but before harms and fairness are understood one accuracy target cannot say whether AI is appropriate.",
                ),
                no(
                    "介面要使用哪一種配色",
                    "介面設計與影響評估的核心問題無關。",
                    "Which colour scheme the interface should use",
                    "Interface styling is unrelated to the core questions of an impact assessment.",
                ),
            ],
        ),
        single(
            "5.2-automation-bias",
            E,
            D,
            "evaluate",
            "hard",
            (
                "一套 AI 輔助裁量系統要求審核人員逐案確認建議。稽核發現人員推翻建議的比例低於 0.5%。下列哪一項改善最能使人為監督「實質有效」？",
                "An AI-assisted decision system requires staff to confirm each recommendation. An audit finds they overturn fewer than 0.5% of them. Which improvement would best make the human oversight genuinely effective?",
            ),
            [
                ok(
                    "提供決策理由與信心程度、定期插入已知答案的查核案例、給予足夠審查時間並追蹤推翻案例的結果",
                    "對抗自動化偏誤需讓審查者有資訊、有時間、有回饋，並以查核案例檢驗審查是否真的在進行。",
                    "Show the reasons and confidence behind each recommendation, seed known-answer check cases, allow enough review time, and follow up the outcome of overturned cases",
                    "Countering automation bias means giving reviewers information, time and feedback, and using check cases to test that reviews really happen.",
                ),
                no(
                    "要求審核人員提高確認速度，以增加處理量",
                    "加快速度只會加重自動化偏誤。",
                    "Ask staff to confirm faster to raise throughput",
                    "Speeding up only deepens automation bias.",
                ),
                no(
                    "取消人工確認步驟，因為人員幾乎都同意模型",
                    "低推翻率不代表模型正確，也可能是監督失靈；移除監督會放大風險。",
                    "Drop the human confirmation step, since staff almost always agree with the model",
                    "A low override rate does not prove the model right—it may mean oversight has failed; removing it amplifies the risk.",
                ),
                no(
                    "隱藏模型建議，讓審核人員完全獨立判斷每一案",
                    "完全隱藏會喪失 AI 輔助的效益，且未處理審查品質的問題，並非最佳平衡。",
                    "Hide the model's recommendation so staff judge every case entirely on their own",
                    "Hiding it throws away the benefit of AI assistance and does not address review quality; not the best balance.",
                ),
            ],
        ),
        single(
            "5.2-aiact-fines",
            E,
            D,
            "remember",
            "medium",
            (
                "依歐盟《人工智慧法》的罰則架構，下列哪一類違規可能面臨最高等級的罰款？",
                "Under the EU AI Act's penalty structure, which kind of breach can draw the highest tier of fines?",
            ),
            [
                ok(
                    "從事禁止的 AI 實務",
                    "禁止實務的罰款上限最高（全球年營業額的較高百分比或固定金額，取其高者）。",
                    "Engaging in a prohibited AI practice",
                    "Prohibited practices carry the highest cap (a higher share of worldwide turnover or a fixed sum, whichever is greater).",
                ),
                no(
                    "未依規定提供主管機關正確資訊",
                    "提供不正確資訊屬較低等級的罰款。",
                    "Giving incorrect information to authorities",
                    "Supplying incorrect information is in a lower fine tier.",
                ),
                no(
                    "聊天機器人未揭露其為 AI",
                    "透明度義務違規屬中間等級，低於禁止實務。",
                    "A chatbot not disclosing that it is an AI",
                    "Transparency breaches sit in a middle tier, below prohibited practices.",
                ),
                no(
                    "最低風險系統未簽署自願性行為準則",
                    "自願性準則不具強制力，未簽署不構成違規。",
                    "A minimal-risk system not signing a voluntary code of conduct",
                    "Voluntary codes are not binding; not signing one is no breach.",
                ),
            ],
        ),
        single(
            "5.2-explain-method",
            P,
            D,
            "apply",
            "hard",
            (
                "信用模型為梯度提升樹。法遵要求對每一位被拒的申請人說明「影響其結果最大的因素」。下列哪一種作法最合適？",
                "A credit model is a gradient-boosted tree ensemble. Compliance wants each rejected applicant told which factors most affected their outcome. Which approach fits best?",
            ),
            [
                ok(
                    "以 SHAP 等局部解釋方法計算每位申請人各特徵的貢獻，轉成易懂的拒絕理由",
                    "局部解釋針對「個案」說明貢獻，符合逐人說明的需求。",
                    "Compute each applicant's per-feature contributions with a local explanation method such as SHAP and turn them into plain-language reasons",
                    "Local explanations attribute a single case, which is exactly what per-person explanations need.",
                ),
                no(
                    "提供整體特徵重要度排名，對所有人給相同說明",
                    "整體重要度描述模型平均行為，不能說明某一個人為何被拒。",
                    "Give the global feature-importance ranking and the same explanation to everyone",
                    "Global importance describes average behaviour, not why one person was rejected.",
                ),
                no(
                    "公開模型的全部樹狀結構",
                    "數百棵樹對申請人既不可理解，也可能洩漏營業秘密。",
                    "Publish every tree in the ensemble",
                    "Hundreds of trees are incomprehensible to applicants and may leak trade secrets.",
                ),
                no(
                    "回覆「模型過於複雜，無法解釋」",
                    "這不符合說明義務，也不是負責任的作法。",
                    "Reply that the model is too complex to explain",
                    "That fails the duty to explain and is not responsible practice.",
                ),
            ],
        ),
        single(
            "5.2-gov-genai-guideline",
            A,
            D,
            "apply",
            "easy",
            (
                "公務人員想用外部的生成式 AI 服務協助撰寫一份標示為「密」的公文草稿。依政府對生成式 AI 使用的一般指引精神，應如何處理？",
                "A civil servant wants to use an external generative AI service to draft a document classified as confidential. Following the spirit of government guidance on generative AI, what should they do?",
            ),
            [
                ok(
                    "不將機密或應保密的資訊輸入外部生成式 AI，改用一般公開資訊或核可的內部工具",
                    "指引原則要求機密文件不得由外部生成式 AI 製作，也不得提供應保密資訊或個資。",
                    "Do not put classified or confidential information into an external generative AI; use public information or an approved internal tool instead",
                    "The guidance says confidential documents must not be produced with external generative AI, and confidential information or personal data must not be supplied to it.",
                ),
                no(
                    "可以使用，只要在完成後刪除對話紀錄",
                    "資料一旦送出就可能被保存或處理，事後刪除無法撤回揭露。",
                    "Go ahead, as long as the chat history is deleted afterwards",
                    "Once sent, data may be stored or processed; deleting the chat cannot undo the disclosure.",
                ),
                no(
                    "可以使用，只要最後由長官核章",
                    "核章是對內容負責，無法補救已將機密輸入外部服務的問題。",
                    "Go ahead, as long as a supervisor signs off at the end",
                    "Sign-off takes responsibility for the content; it does not undo sending secrets to an outside service.",
                ),
                no(
                    "可以使用，只要把文件拆成幾段分次輸入",
                    "分段輸入仍是揭露機密內容，風險相同。",
                    "Go ahead, splitting the document into several parts",
                    "Pasting it in pieces discloses the same secrets.",
                ),
            ],
        ),
        single(
            "5.2-red-team",
            E,
            D,
            "evaluate",
            "hard",
            (
                "公司準備公開上線一個面向一般民眾的生成式 AI 助理。下列哪一種上線前的風險控管組合最完整？",
                "A company is about to launch a public-facing generative AI assistant. Which set of pre-launch risk controls is most complete?",
            ),
            [
                ok(
                    "紅隊測試（含越獄與有害內容）、依風險分級的內容政策與過濾、使用者申訴與事件回應流程、上線後監測指標",
                    "涵蓋上線前測試、執行期控制、事後回應與持續監測，是完整的生命週期控管。",
                    "Red-teaming (jailbreaks and harmful content), a risk-tiered content policy with filters, a user complaint and incident-response process, and post-launch monitoring metrics",
                    "It covers pre-launch testing, runtime controls, response and ongoing monitoring: the whole life cycle.",
                ),
                no(
                    "只要使用知名供應商的模型，供應商已做過安全測試",
                    "供應商的測試不涵蓋你的特定用途、提示與資料，部署者仍需自行評估。",
                    "Use a well-known vendor's model; the vendor has already tested it",
                    "The vendor's tests do not cover your use, prompts and data; the deployer must still assess them.",
                ),
                no(
                    "在服務條款中禁止使用者提出不當問題",
                    "條款不能阻止濫用，也沒有技術與流程上的控制。",
                    "Ban improper questions in the terms of service",
                    "Terms do not stop misuse and add no technical or process control.",
                ),
                no(
                    "以內部員工試用一週，沒有抱怨即上線",
                    "非結構化的試用難以發現對抗性濫用，也缺乏上線後機制。",
                    "Let staff try it for a week and launch if nobody complains",
                    "Unstructured trials rarely uncover adversarial misuse and leave nothing in place after launch.",
                ),
            ],
        ),
        single(
            "5.2-bias-source",
            P,
            D,
            "analyse",
            "medium",
            (
                "某醫療轉診模型以「過去的醫療支出」作為「健康需求」的標籤。結果發現，同樣病況的弱勢族群被判定的需求較低。最主要的偏誤來源是？",
                "A referral model uses past healthcare spending as the label for health need. Patients from a disadvantaged group with the same conditions are scored as needing less care. What is the main source of bias?",
            ),
            [
                ok(
                    "標籤選擇偏誤：支出反映的是就醫機會，而不只是健康需求",
                    "以代理標籤（支出）取代真正目標（需求），把既有的就醫不平等學進模型。",
                    "Label choice bias: spending reflects access to care, not just health need",
                    "A proxy label (spending) stands in for the real target (need), so existing inequality in access is learned.",
                ),
                no(
                    "模型參數太少，造成欠擬合",
                    "即使模型更複雜，學到的仍是有偏的標籤。",
                    "Too few model parameters, causing underfitting",
                    "A more complex model would still learn the biased label.",
                ),
                no(
                    "測試集太小，導致評估不準",
                    "評估誤差不是造成系統性群體差異的原因。",
                    "A test set too small for accurate evaluation",
                    "Evaluation noise does not cause a systematic group gap.",
                ),
                no(
                    "使用了深度學習而非邏輯斯迴歸",
                    "偏誤來自標籤定義，與演算法種類無關。",
                    "Using deep learning instead of logistic regression",
                    "The bias comes from how the label is defined, not the algorithm family.",
                ),
            ],
        ),
        single(
            "5.2-consent-withdraw",
            P,
            D,
            "apply",
            "medium",
            (
                "一位使用者要求健身 App 刪除她的個人資料，但她的資料已用於訓練推薦模型。下列哪一種回應最恰當？",
                "A user asks a fitness app to delete her personal data, but it has already been used to train a recommendation model. Which response is most appropriate?",
            ),
            [
                ok(
                    "刪除原始資料並停止後續利用，評估模型是否需在下次重新訓練時排除其資料，並記錄處理結果回覆當事人",
                    "刪除請求涵蓋原始資料與後續利用；模型面可於排程重訓時排除，並留存紀錄、回覆當事人。",
                    "Delete the raw data and stop further use, assess whether her data must be excluded at the next retraining, record what was done and tell her",
                    "The request covers the raw data and further use; the model can drop her data at the scheduled retrain, with a record and a reply.",
                ),
                no(
                    "拒絕，因為資料已經用於訓練，無法刪除",
                    "已用於訓練不是拒絕刪除原始資料的理由。",
                    "Refuse, because the data is already in the training set",
                    "Prior use in training is no reason to refuse deleting the raw data.",
                ),
                no(
                    "立即下架模型並從頭重新訓練，不論成本",
                    "未必需要立即重訓；應依風險與可行性評估合理作法。",
                    "Take the model down immediately and retrain from scratch whatever the cost",
                    "Immediate retraining is not always required; choose a reasonable course by risk and feasibility.",
                ),
                no(
                    "只把她的帳號停用，資料保留以備日後分析",
                    "停用帳號並未履行刪除請求。",
                    "Deactivate her account but keep the data for later analysis",
                    "Deactivation does not honour the erasure request.",
                ),
            ],
        ),
        single(
            "5.2-sandbox",
            E,
            D,
            "evaluate",
            "medium",
            (
                "金融機構想測試一項創新的 AI 理財顧問服務，但不確定是否符合現行法規。下列哪一種作法最能兼顧創新與風險控管？",
                "A financial firm wants to trial an innovative AI robo-adviser but is unsure whether it complies with current rules. Which approach best balances innovation with risk control?",
            ),
            [
                ok(
                    "與主管機關溝通，利用監理沙盒或試辦機制，在限定範圍、有揭露與消費者保護下測試並回報結果",
                    "監理沙盒讓創新在受控條件下驗證，同時保護消費者並累積監理資訊。",
                    "Talk to the regulator and use a regulatory sandbox or pilot scheme: test in a limited scope with disclosure and consumer protection, and report the results",
                    "A sandbox tests innovation under controlled conditions, protecting consumers and informing the regulator.",
                ),
                no(
                    "先對全體客戶上線，遇到監理問題再調整",
                    "未經評估全面上線，可能造成大量消費者受損。",
                    "Launch to all customers and adjust if the regulator objects",
                    "A full launch without assessment could harm many consumers.",
                ),
                no(
                    "因法規不明確而放棄此服務",
                    "放棄可避險但錯失創新，仍有可控的測試途徑。",
                    "Drop the service because the rules are unclear",
                    "Dropping it avoids risk but forfeits the innovation when a controlled path exists.",
                ),
                no(
                    "以境外子公司名義提供，規避國內法規",
                    "規避監理不是風險控管，且可能違法。",
                    "Offer it through an overseas subsidiary to sidestep domestic rules",
                    "Evading supervision is not risk control and may be unlawful.",
                ),
            ],
        ),
        single(
            "5.2-datasheet",
            P,
            D,
            "remember",
            "easy",
            (
                "團隊想記錄訓練資料集的來源、蒐集方式、標註流程、授權與已知限制，讓後續使用者判斷是否適用。最適合的文件是？",
                "A team wants to record a training dataset's sources, collection method, labelling process, licence and known limits so later users can judge whether it fits. Which document is best suited?",
            ),
            [
                ok(
                    "資料集說明書（datasheet for datasets）",
                    "資料集說明書專門描述資料集的動機、組成、蒐集、標註、用途與限制。",
                    "A datasheet for datasets",
                    "A datasheet describes a dataset's motivation, composition, collection, labelling, uses and limits.",
                ),
                no(
                    "模型卡（model card）",
                    "模型卡描述模型的用途與效能；資料的來源細節屬資料集說明書。",
                    "A model card",
                    "A model card describes a model's use and performance; data provenance belongs in a datasheet.",
                ),
                no(
                    "服務水準協議（SLA）",
                    "SLA 規範服務的可用性與回應時間，不描述資料內容。",
                    "A service-level agreement (SLA)",
                    "An SLA sets availability and response times; it does not describe data.",
                ),
                no(
                    "系統架構圖",
                    "架構圖呈現元件與資料流，無法記錄資料集的蒐集與限制。",
                    "A system architecture diagram",
                    "An architecture diagram shows components and flows, not how a dataset was collected or its limits.",
                ),
            ],
        ),
        single(
            "5.2-hitl",
            P,
            D,
            "apply",
            "medium",
            (
                "下列哪一個應用最需要「人在迴路中」（human-in-the-loop，每一筆決定都由人確認後才生效）？",
                "Which application most needs human-in-the-loop control, where every decision takes effect only after a person confirms it?",
            ),
            [
                ok(
                    "以 AI 建議是否終止身心障礙者的社會福利給付",
                    "決定影響重大且不易回復，應由人逐案確認。",
                    "AI recommending whether to stop a disabled person's welfare benefits",
                    "The decision is serious and hard to reverse: a person should confirm each case.",
                ),
                no(
                    "以 AI 為內部文件自動產生標籤以利搜尋",
                    "錯誤影響小且可隨時修正，抽樣監督即可。",
                    "AI tagging internal documents to make them searchable",
                    "Errors matter little and are easy to fix; sampled oversight is enough.",
                ),
                no(
                    "以 AI 預測倉庫下週的出貨量",
                    "這是聚合預測，不直接對個人作決定，可由人定期檢視。",
                    "AI forecasting next week's warehouse shipments",
                    "An aggregate forecast decides nothing about a person; periodic human review is enough.",
                ),
                no(
                    "以 AI 過濾公司信箱的垃圾郵件",
                    "大量、低影響且可從垃圾匣救回，逐筆確認不切實際。",
                    "AI filtering spam from company mailboxes",
                    "High volume, low stakes and recoverable from the spam folder; confirming each is impractical.",
                ),
            ],
        ),
        single(
            "5.2-iso42001",
            E,
            D,
            "remember",
            "medium",
            (
                "企業想建立並通過第三方驗證一套「AI 管理系統」（AI management system）。應參考哪一項國際標準？",
                "A company wants to set up an AI management system and have it certified by a third party. Which international standard applies?",
            ),
            [
                ok(
                    "ISO/IEC 42001",
                    "ISO/IEC 42001 規定 AI 管理系統的要求，可供驗證。",
                    "ISO/IEC 42001",
                    "ISO/IEC 42001 sets requirements for an AI management system and can be certified against.",
                ),
                no(
                    "ISO/IEC 27001",
                    "27001 是資訊安全管理系統，不涵蓋 AI 特有的治理要求。",
                    "ISO/IEC 27001",
                    "27001 covers information security management, not AI-specific governance.",
                ),
                no(
                    "ISO/IEC 23894",
                    "23894 是 AI 風險管理的指引，不是可驗證的管理系統要求。",
                    "ISO/IEC 23894",
                    "23894 gives guidance on AI risk management; it is not a certifiable management-system standard.",
                ),
                no(
                    "ISO 9001",
                    "9001 是品質管理系統，未針對 AI。",
                    "ISO 9001",
                    "9001 is for quality management and not specific to AI.",
                ),
            ],
        ),
        single(
            "5.2-fair-metric-medical",
            E,
            D,
            "evaluate",
            "hard",
            (
                "一套癌症篩檢模型決定誰被轉介做進一步檢查；錯失真正罹病者是最嚴重的傷害。跨族群比較時，最應優先檢視哪一種公平性指標？",
                "A cancer-screening model decides who is referred for further tests; missing people who are truly ill is the worst harm. Comparing ethnic groups, which fairness measure should come first?",
            ),
            [
                ok(
                    "各群體的真陽性率（召回率）是否相近（機會均等）",
                    "傷害來自漏診，因此應確保真正罹病者在各群體被轉介的比例相近。",
                    "Whether the true-positive rate (recall) is similar across groups (equal opportunity)",
                    "The harm is missed cases, so truly ill people should be referred at similar rates in every group.",
                ),
                no(
                    "各群體被轉介的比例是否相同（人口統計均等）",
                    "各群體的實際罹病率可能不同，強求轉介比例相同反而可能讓高風險群體漏診。",
                    "Whether the same share of each group is referred (demographic parity)",
                    "True prevalence may differ; forcing equal referral rates can leave a higher-risk group under-referred.",
                ),
                no(
                    "各群體的整體準確率是否相同",
                    "整體準確率受多數的陰性個案主導，無法反映漏診。",
                    "Whether overall accuracy is the same for each group",
                    "Accuracy is dominated by the many negatives and does not reflect missed cases.",
                ),
                no(
                    "模型是否完全不使用族群欄位",
                    "不使用欄位不代表結果公平；仍需以結果指標檢驗。",
                    "Whether the model avoids the ethnicity field entirely",
                    "Not using a field does not make outcomes fair; outcomes must still be measured.",
                ),
            ],
        ),
        single(
            "5.2-three-lines",
            E,
            D,
            "understand",
            "medium",
            (
                "採用「三道防線」模型治理 AI 風險時，下列哪一項最符合「第三道防線」的角色？",
                "Governing AI risk with the three-lines model, which of these best fits the third line?",
            ),
            [
                ok(
                    "內部稽核獨立查核 AI 治理與控制是否有效，直接向董事會報告",
                    "第三道防線提供獨立確認，不參與日常管理。",
                    "Internal audit independently checks whether AI governance and controls work, reporting to the board",
                    "The third line gives independent assurance and takes no part in day-to-day management.",
                ),
                no(
                    "產品團隊在開發時進行模型測試並處理發現的問題",
                    "擁有並管理風險的業務與開發單位屬第一道防線。",
                    "The product team tests the model during development and fixes what it finds",
                    "The units that own and manage the risk are the first line.",
                ),
                no(
                    "風險管理部門制定 AI 風險政策並監督各單位執行",
                    "訂定政策與監督屬第二道防線。",
                    "The risk function sets AI risk policy and monitors the units",
                    "Setting policy and monitoring is the second line.",
                ),
                no(
                    "外部供應商保證其模型符合所有法規",
                    "供應商的聲明不是組織內部的防線角色。",
                    "An external vendor warrants that its model meets every regulation",
                    "A vendor's warranty is not a line of defence within the organisation.",
                ),
            ],
        ),
        # Other types
        true_false(
            "5.2-tf-remove-sensitive",
            A,
            D,
            "understand",
            "easy",
            (
                "只要在訓練資料中刪除「性別」欄位，模型就不可能對不同性別產生差別待遇。",
                "Removing the 'sex' column from the training data guarantees the model cannot treat the sexes differently.",
            ),
            False,
            (
                "其他欄位（如職稱、科系、購物類別）可能是性別的代理變數，模型仍可能學到差別待遇；應以分群評估檢驗結果。",
                "Other columns (job title, major, shopping categories) can act as proxies for sex, so the model may still discriminate; check results group by group.",
            ),
        ),
        true_false(
            "5.2-tf-public-data",
            A,
            D,
            "understand",
            "easy",
            (
                "在網路上公開的個人資料，依臺灣個資法仍屬個人資料，蒐集與利用仍須符合法規。",
                "Personal data published on the internet is still personal data under Taiwan's PDPA, and collecting or using it must still comply.",
            ),
            True,
            (
                "個資是否公開不改變其屬性；法規對已公開資料的蒐集利用設有條件，並非可任意使用。",
                "Publication does not change what the data is; the law attaches conditions to using published data rather than allowing any use.",
            ),
        ),
        true_false(
            "5.2-tf-highrisk-ban",
            P,
            D,
            "understand",
            "medium",
            (
                "依歐盟《人工智慧法》，被歸為「高風險」的 AI 系統不得在歐盟市場上提供。",
                "Under the EU AI Act, AI systems classed as high risk may not be placed on the EU market.",
            ),
            False,
            (
                "高風險系統可以提供，但須符合風險管理、資料治理、文件、人為監督與符合性評鑑等要求；被禁止的是「不可接受風險」的實務。",
                "High-risk systems may be placed on the market once they meet requirements such as risk management, data governance, documentation, human oversight and conformity assessment; it is unacceptable-risk practices that are banned.",
            ),
        ),
        true_false(
            "5.2-tf-fairness-tradeoff",
            E,
            D,
            "evaluate",
            "hard",
            (
                "當兩個群體的實際基本率（base rate）不同時，一般而言無法同時滿足「校準」與「兩群體偽陽性率、偽陰性率皆相等」這兩種公平性定義。",
                "When two groups have different base rates, a classifier generally cannot be both calibrated and have equal false-positive and false-negative rates across the groups.",
            ),
            True,
            (
                "這是公平性文獻中的不可能性結果（Kleinberg 等人、Chouldechova）；除非模型完美或基本率相同，必須在定義間取捨，並依情境說明選擇理由。",
                "This is the impossibility result in the fairness literature (Kleinberg et al.; Chouldechova): unless the model is perfect or base rates are equal, you must trade the definitions off and justify the choice for the context.",
            ),
        ),
        multi(
            "5.2-mr-highrisk-duties",
            P,
            D,
            "remember",
            "medium",
            (
                "依歐盟《人工智慧法》的一般架構，高風險 AI 系統的提供者須具備下列哪些要素？（選出所有正確者）",
                "Under the general structure of the EU AI Act, which of these must a provider of a high-risk AI system have in place? (Select all that apply.)",
            ),
            [
                ok(
                    "風險管理系統",
                    "高風險系統須在整個生命週期持續進行風險管理。",
                    "A risk-management system",
                    "High-risk systems need risk management across their life cycle.",
                ),
                ok(
                    "資料治理（訓練、驗證、測試資料的品質與代表性）",
                    "資料治理是高風險系統的核心要求之一。",
                    "Data governance (quality and representativeness of training, validation and test data)",
                    "Data governance is a core requirement.",
                ),
                ok(
                    "可讓人有效監督的設計",
                    "系統須設計成讓人能有效監督、介入。",
                    "A design that lets people oversee it effectively",
                    "The system must be designed so people can oversee and intervene.",
                ),
                ok(
                    "技術文件與自動紀錄（logs）",
                    "技術文件與紀錄是符合性評鑑與事後追溯的基礎。",
                    "Technical documentation and automatic logging",
                    "Documentation and logs underpin conformity assessment and traceability.",
                ),
                no(
                    "公開模型的全部原始程式碼",
                    "法規要求文件與透明度，但不要求公開原始碼。",
                    "Publication of the model's full source code",
                    "The Act requires documentation and transparency, not open source.",
                ),
                no(
                    "保證模型準確率達 100%",
                    "法規要求適當的準確度與穩健性，而非不可能的完美表現。",
                    "A guarantee of 100% accuracy",
                    "It requires appropriate accuracy and robustness, not impossible perfection.",
                ),
            ],
        ),
        multi(
            "5.2-mr-fair-checks",
            A,
            D,
            "understand",
            "medium",
            (
                "在招募模型上線前檢查公平性，下列哪些作法是恰當的？（選出所有正確者）",
                "Before a recruitment model goes live, which of these are appropriate fairness checks? (Select all that apply.)",
            ),
            [
                ok(
                    "依性別、年齡等群體分別計算通過率與錯誤率",
                    "分群比較才能看見整體數字掩蓋的差異。",
                    "Compute pass rates and error rates separately by group such as sex and age",
                    "Group-by-group comparison reveals gaps the overall figure hides.",
                ),
                ok(
                    "檢查是否有特徵可能成為敏感屬性的代理變數",
                    "代理變數會讓模型在未使用敏感欄位時仍產生差別待遇。",
                    "Check whether any feature could act as a proxy for a sensitive attribute",
                    "Proxies let a model discriminate without the sensitive column.",
                ),
                ok(
                    "檢視訓練資料中的歷史決策是否本身帶有偏見",
                    "以過去的錄取結果作標籤，會學到過去的偏見。",
                    "Check whether the historical decisions in the training data were themselves biased",
                    "Using past hiring decisions as labels teaches the model past bias.",
                ),
                no(
                    "只看整體準確率是否超過 90%",
                    "整體準確率高仍可能對某群體表現很差。",
                    "Only check that overall accuracy exceeds 90%",
                    "High overall accuracy can hide poor performance for one group.",
                ),
                no(
                    "刪除所有人口統計資料，連評估用的也不保留",
                    "沒有群體資訊就無法檢驗公平性；可在評估時受控使用。",
                    "Delete all demographic data, even for evaluation",
                    "Without group information fairness cannot be checked; it can be used under control for evaluation.",
                ),
            ],
        ),
        multi(
            "5.2-mr-genai-policy",
            E,
            D,
            "create",
            "hard",
            (
                "你正在為一家 2,000 人的企業起草生成式 AI 使用政策。下列哪些條款應納入？（選出所有正確者）",
                "You are drafting a generative AI use policy for a 2,000-person company. Which clauses should it include? (Select all that apply.)",
            ),
            [
                ok(
                    "依資料分級規定哪些資料可以輸入哪些工具",
                    "以資料分級對應工具，是防止機密與個資外洩的基礎。",
                    "Which data classes may be entered into which tools",
                    "Mapping data classes to tools is the basis for preventing leaks of secrets and personal data.",
                ),
                ok(
                    "對外發布的 AI 生成內容須經人員審查並負責",
                    "人員審查與當責可降低錯誤與侵權風險。",
                    "AI-generated content published externally must be reviewed and owned by a person",
                    "Human review and ownership reduce the risk of errors and infringement.",
                ),
                ok(
                    "核可工具清單與新工具的申請評估流程",
                    "集中管理工具可控管授權條款、資料處理與資安。",
                    "A list of approved tools and a process for requesting new ones",
                    "Managing tools centrally controls licence terms, data handling and security.",
                ),
                ok(
                    "事件通報管道與違規處理方式",
                    "有通報與處理機制，政策才能落實。",
                    "An incident-reporting channel and how breaches are handled",
                    "Reporting and enforcement make the policy real.",
                ),
                no(
                    "全面禁止員工討論 AI 相關議題",
                    "禁止討論無助於治理，反而阻礙風險被提出。",
                    "A ban on staff discussing AI at all",
                    "Banning discussion does not govern anything and stops risks being raised.",
                ),
                no(
                    "所有 AI 輸出一律視為正確，無須查證",
                    "生成式 AI 可能產生錯誤內容，政策應要求查證。",
                    "All AI output is to be treated as correct without checking",
                    "Generative AI can produce false content; the policy should require checking.",
                ),
            ],
            partial_credit="right_minus_wrong",
        ),
        matching(
            "5.2-match-principles",
            A,
            D,
            "understand",
            "easy",
            (
                "請將每一項作法對應到它最主要落實的可信任 AI 原則。",
                "Match each practice to the trustworthy-AI principle it mainly puts into practice.",
            ),
            [
                (
                    (
                        "提供決策理由說明給受影響者",
                        "Giving affected people the reasons for a decision",
                    ),
                    ("透明與可解釋性", "Transparency and explainability"),
                ),
                (
                    (
                        "依群體分列錯誤率並修正差異",
                        "Breaking error rates down by group and fixing gaps",
                    ),
                    ("公平性", "Fairness"),
                ),
                (
                    (
                        "重大決定保留人工複核與推翻",
                        "Keeping human review and override for major decisions",
                    ),
                    ("人為監督", "Human oversight"),
                ),
                (
                    (
                        "指定系統負責人並保存決策紀錄",
                        "Naming a system owner and keeping decision records",
                    ),
                    ("當責", "Accountability"),
                ),
            ],
            distractors=[("永續性", "Sustainability")],
        ),
        matching(
            "5.2-match-tiers",
            P,
            D,
            "apply",
            "medium",
            (
                "請將每一個 AI 應用對應到它在歐盟《人工智慧法》架構下最可能的風險等級。",
                "Match each AI use to its most likely risk tier under the EU AI Act.",
            ),
            [
                (
                    ("公部門對民眾進行社會評分", "Social scoring of citizens by a public body"),
                    ("不可接受風險", "Unacceptable risk"),
                ),
                (
                    ("大學以 AI 決定入學錄取", "A university deciding admissions with AI"),
                    ("高風險", "High risk"),
                ),
                (
                    ("網站上的客服聊天機器人", "A customer-service chatbot on a website"),
                    ("有限風險（透明度義務）", "Limited risk (transparency)"),
                ),
                (
                    ("電玩遊戲中的 AI 對手", "AI opponents in a video game"),
                    ("最低風險", "Minimal risk"),
                ),
            ],
        ),
        ordering(
            "5.2-order-risk-process",
            P,
            D,
            "understand",
            "medium",
            (
                "請依 AI 風險管理的一般流程（參考 ISO/IEC 23894 與 NIST AI RMF 的精神），由先到後排列下列步驟。",
                "Put these steps of AI risk management in order, from first to last (in the spirit of ISO/IEC 23894 and the NIST AI RMF).",
            ),
            [
                (
                    "界定系統的用途、情境與利害關係人",
                    "Establish the system's purpose, context and stakeholders",
                ),
                ("辨識可能的風險與傷害", "Identify possible risks and harms"),
                ("分析並評估風險的可能性與衝擊", "Analyse and evaluate likelihood and impact"),
                ("選擇並實施風險處理措施", "Choose and implement risk treatments"),
                ("監測、檢討並更新風險紀錄", "Monitor, review and update the risk record"),
            ],
            feedback=(
                "先有情境才能辨識風險，先評估才能決定處理，處理後仍需持續監測——風險管理是循環。",
                "Context comes before identification, evaluation before treatment, and monitoring continues after treatment: risk management is a cycle.",
            ),
        ),
        constructed(
            "5.2-cr-impact",
            E,
            D,
            "create",
            "hard",
            (
                "某縣市政府計畫使用 AI 自動排序長照服務申請案的審查優先順序。請撰寫一份 AI 影響評估的重點（約 300–500 字），至少涵蓋：受影響者與可能傷害、公平性檢驗方式、人為監督與申訴機制、上線後監測。",
                "A county government plans to use AI to rank applications for long-term care services for review. Write the key points of an AI impact assessment (about 300–500 words) covering at least: who is affected and possible harms, how fairness will be tested, human oversight and appeals, and post-launch monitoring.",
            ),
            [
                (
                    ("受影響者與傷害", "People affected and harms"),
                    [
                        (0, ("未辨識受影響者或傷害。", "No affected people or harms identified.")),
                        (
                            1,
                            (
                                "提及申請人但傷害描述籠統。",
                                "Mentions applicants but harms are vague.",
                            ),
                        ),
                        (
                            2,
                            (
                                "具體說明申請人、家屬與承辦人員，以及延誤照顧等具體傷害與其嚴重度。",
                                "Names applicants, families and caseworkers, with concrete harms such as delayed care and their severity.",
                            ),
                        ),
                    ],
                ),
                (
                    ("公平性檢驗", "Fairness testing"),
                    [
                        (0, ("未提及。", "Not addressed.")),
                        (1, ("提及要公平但沒有方法。", "Says it should be fair, with no method.")),
                        (
                            2,
                            (
                                "提出具體群體（如區域、年齡、身心障礙）與指標，並說明差異過大時的處理。",
                                "Names groups (region, age, disability) and metrics, and what happens when gaps are too large.",
                            ),
                        ),
                    ],
                ),
                (
                    ("人為監督與申訴", "Human oversight and appeals"),
                    [
                        (0, ("未提及。", "Not addressed.")),
                        (
                            1,
                            (
                                "提及人工審查，但未說明何時、如何介入。",
                                "Mentions human review without saying when or how it intervenes.",
                            ),
                        ),
                        (
                            2,
                            (
                                "說明承辦人可推翻排序的機制、申請人的申訴管道與回覆時限。",
                                "Explains how caseworkers override the ranking, how applicants appeal and how fast they get an answer.",
                            ),
                        ),
                    ],
                ),
                (
                    ("上線後監測", "Post-launch monitoring"),
                    [
                        (0, ("未提及。", "Not addressed.")),
                        (
                            1,
                            (
                                "提及要監測，但沒有指標。",
                                "Says it will be monitored, with no metrics.",
                            ),
                        ),
                        (
                            2,
                            (
                                "列出監測指標、頻率、負責單位與觸發重新評估的條件。",
                                "Lists metrics, frequency, owner and what triggers a reassessment.",
                            ),
                        ),
                    ],
                ),
            ],
            feedback=(
                "好的答案把評估落在具體的人、指標與流程上，而不是只寫原則。",
                "A good answer grounds the assessment in specific people, metrics and processes, not just principles.",
            ),
        ),
        constructed(
            "5.2-cr-incident",
            E,
            D,
            "evaluate",
            "hard",
            (
                "貴公司的 AI 招募篩選系統上線三個月後，媒體報導其對 45 歲以上應徵者的通過率明顯偏低。請說明你在接下來兩週的處理步驟與理由。",
                "Three months after your company's AI recruitment screener went live, the press reports that applicants aged 45 and over pass far less often. Describe what you would do over the next two weeks, and why.",
            ),
            [
                (
                    ("即時控制", "Immediate containment"),
                    [
                        (0, ("未提及任何即時措施。", "No immediate measures.")),
                        (
                            1,
                            (
                                "提到暫停系統或改人工審查，但未說明範圍。",
                                "Mentions pausing or switching to manual review without scope.",
                            ),
                        ),
                        (
                            2,
                            (
                                "具體說明暫停自動淘汰、改人工複核受影響案件，並保全紀錄與模型版本。",
                                "Suspends automatic rejection, re-reviews affected cases by hand, and preserves logs and model versions.",
                            ),
                        ),
                    ],
                ),
                (
                    ("原因分析", "Root-cause analysis"),
                    [
                        (0, ("未分析。", "No analysis.")),
                        (1, ("只說要「檢查模型」。", "Only says 'check the model'.")),
                        (
                            2,
                            (
                                "計算分群通過率與不利影響比，檢查代理變數與訓練標籤的歷史偏誤。",
                                "Computes group pass rates and the disparate impact ratio, and checks proxies and historical bias in labels.",
                            ),
                        ),
                    ],
                ),
                (
                    ("溝通與當責", "Communication and accountability"),
                    [
                        (0, ("未提及。", "Not addressed.")),
                        (1, ("只提對外聲明。", "Only a press statement.")),
                        (
                            2,
                            (
                                "通知受影響應徵者並提供重新審查、向管理層與相關主管機關說明，指定負責人。",
                                "Notifies affected applicants and offers re-review, briefs management and any regulator, and names an owner.",
                            ),
                        ),
                    ],
                ),
            ],
        ),
    ]


def items() -> list[ItemSpec]:
    return [
        *classify("5.2-tier", D, TIERS, TIER_Q, TIER_SCENARIOS, cognitive="apply"),
        *classify(
            "5.2-principle", D, PRINCIPLES, PRINCIPLE_Q, PRINCIPLE_SCENARIOS, cognitive="understand"
        ),
        *_fairness_family(),
        *_risk_register_family(),
        *_hand_written(),
    ]
