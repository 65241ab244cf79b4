"""1.1 AI concepts and history, 1.2 machine-learning principles, 1.3 deep learning."""

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

A, P = "associate", "professional"

# --- 1.1 ---------------------------------------------------------------------------------------
PARADIGMS = {
    "rules": Category(
        "規則式（專家系統）",
        "Rule-based (expert system)",
        "由專家把知識寫成「若…則…」規則，系統依規則推論，不從資料學習",
        "experts write knowledge as if–then rules and the system reasons with them, learning nothing from data",
    ),
    "ml": Category(
        "傳統機器學習",
        "Classical machine learning",
        "從資料中學習模式，通常需要人工設計特徵",
        "learning patterns from data, usually with hand-designed features",
    ),
    "dl": Category(
        "深度學習",
        "Deep learning",
        "以多層神經網路直接從原始資料（如影像像素、聲音）自動學習特徵",
        "multi-layer neural networks learning features directly from raw data such as pixels or audio",
    ),
    "genai": Category(
        "生成式 AI",
        "Generative AI",
        "學習資料分布並產生新的文字、影像或聲音內容",
        "learning the distribution of data and producing new text, images or audio",
    ),
}
PARADIGM_Q = (
    "這個系統最主要屬於哪一種 AI 方法？",
    "Which AI approach does this system mainly use?",
)
PARADIGM_SCENARIOS = [
    Scenario(
        "mycin",
        A,
        "easy",
        "1970 年代的醫療診斷系統，由醫師提供數百條「若症狀為 X 且檢驗為 Y，則可能是 Z 感染」的規則來推論。",
        "A 1970s medical diagnosis system reasons with hundreds of physician-supplied rules such as 'if symptom X and test Y, then infection Z is likely'.",
        "rules",
        "知識由專家寫成規則，系統並不從資料學習，是規則式專家系統。",
        "Experts wrote the knowledge as rules and nothing is learned from data: a rule-based expert system.",
    ),
    Scenario(
        "house-price",
        A,
        "easy",
        "房仲公司以過去成交資料中的坪數、屋齡、樓層與距捷運站距離等欄位，訓練模型估計房價。",
        "An estate agency trains a model on past sales—floor area, age, floor and distance to the MRT—to estimate prices.",
        "ml",
        "以人工挑選的結構化特徵從資料學習預測，是傳統機器學習的典型應用。",
        "Learning from data with hand-chosen structured features is classic machine learning.",
    ),
    Scenario(
        "x-ray",
        A,
        "easy",
        "系統直接輸入數萬張胸部 X 光影像的像素，以多層卷積神經網路學會辨識肺炎。",
        "A system takes the raw pixels of tens of thousands of chest X-rays and learns to recognise pneumonia with a multi-layer convolutional network.",
        "dl",
        "以多層神經網路直接從影像像素自動學特徵，是深度學習。",
        "Multi-layer networks learning features straight from pixels is deep learning.",
    ),
    Scenario(
        "poster",
        A,
        "easy",
        "設計師輸入一段文字描述，系統就產生一張全新的活動海報插圖。",
        "A designer types a description and the system produces a brand-new illustration for an event poster.",
        "genai",
        "產生新的影像內容，是生成式 AI。",
        "Producing new image content is generative AI.",
    ),
    Scenario(
        "tax-helper",
        A,
        "medium",
        "報稅軟體依照稅法條文寫好的判斷流程，逐步詢問使用者並決定可適用的扣除額。",
        "Tax software follows a decision flow written from the tax code, asking questions step by step to decide which deductions apply.",
        "rules",
        "判斷依據是人工寫入的規則，沒有從資料學習。",
        "The decisions come from hand-written rules, not learning from data.",
    ),
    Scenario(
        "spam-bayes",
        A,
        "medium",
        "早期的垃圾郵件過濾器統計大量已標記郵件中各詞語出現的機率，以單純貝氏分類器判斷新郵件。",
        "An early spam filter counts word probabilities in many labelled emails and judges new mail with a naive Bayes classifier.",
        "ml",
        "從標記資料學習詞語機率並分類，是傳統機器學習。",
        "Learning word probabilities from labelled data to classify is classical machine learning.",
    ),
    Scenario(
        "speech",
        A,
        "medium",
        "語音助理直接以原始聲波訓練多層神經網路，把語音轉成文字。",
        "A voice assistant trains a multi-layer neural network on raw audio to turn speech into text.",
        "dl",
        "從原始聲音訊號自動學特徵的多層神經網路，屬深度學習。",
        "A multi-layer network learning features from raw audio is deep learning.",
    ),
    Scenario(
        "reply-draft",
        A,
        "medium",
        "客服系統讀取顧客來信後，自動寫出一封語氣得體的回覆草稿。",
        "A support system reads a customer's email and writes a polite draft reply.",
        "genai",
        "產生新的自然語言文字，是生成式 AI（其底層也是深度學習，但最主要的特徵是生成內容）。",
        "Producing new natural-language text is generative AI (built on deep learning, but generation is its defining trait).",
        ("dl", "ml", "rules"),
    ),
]

FIELDS = {
    "cv": Category(
        "電腦視覺",
        "Computer vision",
        "讓電腦理解影像與影片內容",
        "enabling computers to understand images and video",
    ),
    "nlp": Category(
        "自然語言處理",
        "Natural language processing",
        "讓電腦理解與產生人類語言文字",
        "enabling computers to understand and produce human language text",
    ),
    "speech": Category(
        "語音辨識與合成",
        "Speech recognition and synthesis",
        "把語音轉成文字或把文字轉成語音",
        "turning speech into text or text into speech",
    ),
    "recsys": Category(
        "推薦系統",
        "Recommender systems",
        "依使用者的偏好與行為推薦可能喜歡的項目",
        "suggesting items a user may like from their preferences and behaviour",
    ),
    "planning": Category(
        "規劃與控制（含機器人）",
        "Planning and control (including robotics)",
        "決定一連串行動以達成目標，例如路徑規劃與機器人控制",
        "choosing a sequence of actions to reach a goal, such as path planning and robot control",
    ),
}
FIELD_Q = (
    "這項應用最主要屬於哪一個 AI 領域？",
    "Which AI field does this application mainly belong to?",
)
FIELD_SCENARIOS = [
    Scenario(
        "plate",
        A,
        "easy",
        "停車場入口自動辨識車牌號碼並開啟柵欄。",
        "A car park reads licence plates at the entrance and opens the barrier.",
        "cv",
        "從影像中辨識車牌，屬電腦視覺。",
        "Reading plates from images is computer vision.",
    ),
    Scenario(
        "review-mining",
        A,
        "easy",
        "電商分析數萬則商品評論，找出顧客最常抱怨的問題。",
        "A marketplace analyses tens of thousands of reviews to find customers' most common complaints.",
        "nlp",
        "分析文字評論的內容，屬自然語言處理。",
        "Analysing the content of written reviews is natural language processing.",
    ),
    Scenario(
        "subtitles",
        A,
        "easy",
        "線上會議系統即時把發言轉成字幕。",
        "A video-call system turns speech into live subtitles.",
        "speech",
        "把語音轉成文字，屬語音辨識。",
        "Turning speech into text is speech recognition.",
    ),
    Scenario(
        "drama",
        A,
        "easy",
        "影音平台依使用者過去的觀看紀錄，在首頁列出「你可能也喜歡」的影集。",
        "A streaming service lists 'you may also like' series on the home page from a user's viewing history.",
        "recsys",
        "依偏好與行為推薦項目，是推薦系統。",
        "Suggesting items from preferences and behaviour is a recommender system.",
    ),
    Scenario(
        "warehouse-robot",
        A,
        "medium",
        "倉儲機器人計算最短路徑，避開其他機器人把貨架送到揀貨站。",
        "Warehouse robots compute shortest routes, avoiding each other, to bring shelves to the picking station.",
        "planning",
        "決定行動路徑並控制機器人，屬規劃與控制。",
        "Choosing routes and controlling robots is planning and control.",
    ),
    Scenario(
        "crop-drone",
        A,
        "medium",
        "無人機拍攝農田影像，辨識出受病蟲害影響的區塊。",
        "Drones photograph farmland and pick out patches affected by pests.",
        "cv",
        "從空拍影像判斷病蟲害，屬電腦視覺。",
        "Judging pest damage from aerial images is computer vision.",
        ("planning", "recsys", "nlp"),
    ),
    Scenario(
        "tts-news",
        A,
        "medium",
        "新聞網站把文章自動轉成自然的語音，讓使用者用聽的。",
        "A news site turns articles into natural-sounding audio for listening.",
        "speech",
        "把文字轉成語音，屬語音合成。",
        "Turning text into speech is speech synthesis.",
        ("nlp", "recsys", "cv"),
    ),
    Scenario(
        "contract-clauses",
        A,
        "medium",
        "法務系統自動找出合約中的付款條件與違約罰則。",
        "A legal system finds payment terms and penalty clauses in contracts automatically.",
        "nlp",
        "從文字中擷取特定資訊，屬自然語言處理。",
        "Extracting specific information from text is natural language processing.",
        ("cv", "speech", "planning"),
    ),
]


def _concepts() -> list[ItemSpec]:
    D = "1.1"
    return [
        single(
            "1.1-nesting",
            A,
            D,
            "understand",
            "easy",
            (
                "人工智慧（AI）、機器學習（ML）與深度學習（DL）三者的關係，下列何者正確？",
                "Which statement about AI, machine learning (ML) and deep learning (DL) is correct?",
            ),
            [
                ok(
                    "深度學習是機器學習的一種方法，機器學習是實現人工智慧的一類方法",
                    "三者是由大到小的包含關係：AI ⊃ ML ⊃ DL。",
                    "Deep learning is one machine-learning approach, and machine learning is one family of ways to achieve AI",
                    "They nest from broad to narrow: AI ⊃ ML ⊃ DL.",
                ),
                no(
                    "三者是完全不相關的技術",
                    "三者有明確的包含關係。",
                    "They are unrelated technologies",
                    "They nest inside one another.",
                ),
                no(
                    "人工智慧是深度學習的一種",
                    "方向相反；深度學習才是人工智慧的一部分。",
                    "AI is a kind of deep learning",
                    "Backwards: deep learning is part of AI.",
                ),
                no(
                    "機器學習一定要使用神經網路",
                    "決策樹、迴歸等許多機器學習方法不使用神經網路。",
                    "Machine learning always uses neural networks",
                    "Trees, regression and many other ML methods use no neural network.",
                ),
            ],
        ),
        single(
            "1.1-turing",
            A,
            D,
            "remember",
            "easy",
            (
                "圖靈（Alan Turing）在 1950 年提出的「模仿遊戲」（後稱圖靈測試），主要想回答什麼問題？",
                "What question did Alan Turing's 1950 'imitation game' (later the Turing test) set out to address?",
            ),
            [
                ok(
                    "機器的對話表現能否讓人無法分辨它與真人的差別",
                    "圖靈以行為上的不可區分性，作為「機器能否思考」的操作型判準。",
                    "Whether a machine's conversation can be indistinguishable from a person's",
                    "Turing used behavioural indistinguishability as an operational test for 'can machines think?'.",
                ),
                no(
                    "機器的運算速度能否超過人類",
                    "測試與運算速度無關。",
                    "Whether machines can compute faster than people",
                    "The test is not about speed.",
                ),
                no(
                    "機器能否自行修理故障",
                    "與自我修復無關。",
                    "Whether machines can repair themselves",
                    "Unrelated to self-repair.",
                ),
                no(
                    "機器能否通過數學考試",
                    "測試的是對話中的表現，不是考試成績。",
                    "Whether machines can pass a mathematics exam",
                    "It is about conversation, not exam scores.",
                ),
            ],
        ),
        single(
            "1.1-dartmouth",
            A,
            D,
            "remember",
            "easy",
            (
                "「人工智慧」（artificial intelligence）一詞普遍被認為正式出現在哪一個場合？",
                "Where is the term 'artificial intelligence' generally held to have been coined?",
            ),
            [
                ok(
                    "1956 年的達特茅斯夏季研究計畫（Dartmouth workshop）",
                    "麥卡錫（John McCarthy）等人在此次研討會的提案中使用了這個名詞。",
                    "The 1956 Dartmouth summer research project",
                    "John McCarthy and colleagues used the term in the proposal for this workshop.",
                ),
                no(
                    "2012 年的 ImageNet 影像辨識競賽",
                    "那是深度學習突破的里程碑，遠晚於名詞出現。",
                    "The 2012 ImageNet competition",
                    "That was a deep-learning milestone, long after the term appeared.",
                ),
                no(
                    "2016 年 AlphaGo 對戰李世乭",
                    "那是 AI 在圍棋上的里程碑。",
                    "AlphaGo versus Lee Sedol in 2016",
                    "That was a milestone in Go.",
                ),
                no(
                    "2022 年 ChatGPT 發布",
                    "生成式 AI 普及的里程碑，名詞早已存在數十年。",
                    "The release of ChatGPT in 2022",
                    "A milestone for generative AI; the term was decades old.",
                ),
            ],
        ),
        single(
            "1.1-winter",
            A,
            D,
            "understand",
            "medium",
            (
                "AI 發展史上曾出現「AI 寒冬」，主要原因最接近下列何者？",
                "What best explains the 'AI winters' in the history of AI?",
            ),
            [
                ok(
                    "早期的期望過高，技術與運算能力無法兌現承諾，導致資金與關注大幅減少",
                    "過度承諾與實際成果落差，使研究經費與產業投資縮減。",
                    "Early expectations ran too high, and the technology and computing power could not deliver, so funding and interest collapsed",
                    "The gap between promises and results cut research funding and investment.",
                ),
                no(
                    "政府立法全面禁止 AI 研究",
                    "並沒有全面禁止研究的法律。",
                    "Governments banned AI research by law",
                    "No such ban existed.",
                ),
                no(
                    "電腦在冬天無法正常運作",
                    "與季節無關，是比喻。",
                    "Computers did not work in winter",
                    "It is a metaphor, not about seasons.",
                ),
                no(
                    "網際網路發明後 AI 就不再需要",
                    "網路反而為後來的 AI 提供大量資料。",
                    "AI became unnecessary once the internet was invented",
                    "The internet later supplied AI with data.",
                ),
            ],
        ),
        single(
            "1.1-alexnet",
            A,
            D,
            "understand",
            "medium",
            (
                "2012 年 AlexNet 在 ImageNet 影像辨識競賽中大幅領先，為何被視為深度學習的轉捩點？",
                "Why is AlexNet's large win in the 2012 ImageNet competition seen as a turning point for deep learning?",
            ),
            [
                ok(
                    "它證明在大量資料與 GPU 運算支持下，深層卷積神經網路能大幅超越傳統方法",
                    "大量資料、GPU 與深層網路的結合帶來突破，引發後續研究與產業投入。",
                    "It showed that deep convolutional networks, given large data and GPU computing, could far outperform earlier methods",
                    "The mix of big data, GPUs and deep networks brought a breakthrough that drew research and industry in.",
                ),
                no(
                    "它是第一個會下圍棋的程式",
                    "那是 AlphaGo（2016）。",
                    "It was the first program to play Go",
                    "That was AlphaGo (2016).",
                ),
                no(
                    "它完全不需要訓練資料",
                    "它正是依賴大量標註影像訓練。",
                    "It needed no training data",
                    "It relied on a large set of labelled images.",
                ),
                no(
                    "它是第一個大型語言模型",
                    "AlexNet 是影像辨識模型。",
                    "It was the first large language model",
                    "AlexNet was an image model.",
                ),
            ],
        ),
        single(
            "1.1-transformer",
            A,
            D,
            "remember",
            "medium",
            (
                "現今大型語言模型普遍採用的 Transformer 架構，源自哪一篇具代表性的論文？",
                "Which landmark paper introduced the Transformer architecture used by today's large language models?",
            ),
            [
                ok(
                    "2017 年的〈Attention Is All You Need〉",
                    "該論文提出以自注意力為核心的 Transformer。",
                    "'Attention Is All You Need' (2017)",
                    "It introduced the Transformer built around self-attention.",
                ),
                no(
                    "1950 年的〈Computing Machinery and Intelligence〉",
                    "這是圖靈提出模仿遊戲的論文。",
                    "'Computing Machinery and Intelligence' (1950)",
                    "That is Turing's imitation-game paper.",
                ),
                no(
                    "1986 年關於反向傳播的論文",
                    "反向傳播是訓練神經網路的方法，不是 Transformer。",
                    "The 1986 paper on backpropagation",
                    "Backpropagation trains networks; it is not the Transformer.",
                ),
                no(
                    "2012 年的 AlexNet 論文",
                    "AlexNet 是卷積神經網路。",
                    "The 2012 AlexNet paper",
                    "AlexNet is a convolutional network.",
                ),
            ],
        ),
        single(
            "1.1-narrow",
            A,
            D,
            "understand",
            "easy",
            (
                "目前實際部署的 AI 系統（如人臉辨識、翻譯、聊天機器人）大多屬於哪一類？",
                "Most AI systems actually deployed today (face recognition, translation, chatbots) are of which kind?",
            ),
            [
                ok(
                    "專用型（弱）人工智慧：在特定任務或範圍內表現良好",
                    "它們在特定任務上能力強，但沒有人類般的通用理解與自主目標。",
                    "Narrow (weak) AI: good within specific tasks or scopes",
                    "They are strong at particular tasks but lack human-like general understanding and goals.",
                ),
                no(
                    "通用型（強）人工智慧：具有與人類相同的全面智能",
                    "目前尚無公認達到通用人工智慧的系統。",
                    "General (strong) AI with human-level intelligence across the board",
                    "No system is generally accepted as having reached general AI.",
                ),
                no(
                    "超級人工智慧：全面超越人類",
                    "仍屬假設性的概念。",
                    "Superintelligence surpassing humans everywhere",
                    "Still hypothetical.",
                ),
                no(
                    "不屬於 AI，只是一般程式",
                    "它們使用機器學習等 AI 技術。",
                    "Not AI at all, just ordinary programs",
                    "They use machine learning and other AI techniques.",
                ),
            ],
        ),
        single(
            "1.1-symbolic",
            A,
            D,
            "understand",
            "medium",
            (
                "「符號主義」與「連結主義」是 AI 的兩大傳統。下列何者是連結主義的代表？",
                "Symbolism and connectionism are two traditions in AI. Which is representative of connectionism?",
            ),
            [
                ok(
                    "類神經網路",
                    "連結主義以大量簡單單元的連結與權重學習來表現智能。",
                    "Artificial neural networks",
                    "Connectionism models intelligence as learned weights on connections between many simple units.",
                ),
                no(
                    "專家系統",
                    "以規則與邏輯推論為主，屬符號主義。",
                    "Expert systems",
                    "Rule- and logic-based reasoning belongs to symbolism.",
                ),
                no(
                    "邏輯程式語言 Prolog",
                    "以邏輯推論為核心，屬符號主義。",
                    "The logic language Prolog",
                    "Logical inference is symbolism.",
                ),
                no(
                    "知識本體（ontology）",
                    "以符號表示概念與關係，屬符號主義。",
                    "Ontologies",
                    "Symbolic representations of concepts belong to symbolism.",
                ),
            ],
        ),
        single(
            "1.1-alphago",
            A,
            D,
            "understand",
            "hard",
            (
                "2016 年 AlphaGo 擊敗頂尖棋士，其關鍵技術組合是什麼？",
                "AlphaGo beat a top professional in 2016. What combination of techniques was key?",
            ),
            [
                ok(
                    "深度神經網路結合強化學習（自我對弈）與蒙地卡羅樹搜尋",
                    "以神經網路評估棋局與選點、強化學習自我提升，再以樹搜尋規劃。",
                    "Deep neural networks combined with reinforcement learning (self-play) and Monte Carlo tree search",
                    "Networks evaluate positions and moves, self-play improves them, and tree search plans.",
                ),
                no(
                    "窮舉所有可能的棋局",
                    "圍棋的可能局面多到無法窮舉。",
                    "Enumerating every possible game",
                    "Go has far too many positions to enumerate.",
                ),
                no(
                    "棋士手寫的規則庫",
                    "規則式方法在圍棋上效果有限。",
                    "A rule base written by professional players",
                    "Rule-based methods work poorly for Go.",
                ),
                no(
                    "大型語言模型閱讀棋譜書籍",
                    "AlphaGo 不是語言模型。",
                    "A large language model reading Go books",
                    "AlphaGo was not a language model.",
                ),
            ],
        ),
        true_false(
            "1.1-tf-ml-rules",
            A,
            D,
            "understand",
            "easy",
            (
                "機器學習與傳統程式設計的一個主要差別是：機器學習從資料中學出規則，而不是由工程師逐條寫出規則。",
                "A key difference between machine learning and traditional programming is that ML learns the rules from data instead of engineers writing them one by one.",
            ),
            True,
            (
                "傳統程式是「規則＋資料→答案」；機器學習是「資料＋答案→規則（模型）」。",
                "Traditional code is rules + data → answers; machine learning is data + answers → rules (a model).",
            ),
        ),
        true_false(
            "1.1-tf-agi",
            A,
            D,
            "understand",
            "medium",
            (
                "能流暢對話的大型語言模型，已被學界普遍認定為達到通用人工智慧（AGI）。",
                "Large language models that converse fluently are generally accepted by researchers as having reached artificial general intelligence (AGI).",
            ),
            False,
            (
                "對於是否及何時達到 AGI 仍有很大爭議；大型語言模型在推理可靠性、事實正確性等方面仍有明顯限制。",
                "Whether and when AGI will be reached is hotly debated; LLMs still have clear limits in reliable reasoning and factual accuracy.",
            ),
        ),
        ordering(
            "1.1-order-history",
            A,
            D,
            "remember",
            "medium",
            (
                "請依時間先後排列下列 AI 發展的里程碑。",
                "Put these AI milestones in chronological order.",
            ),
            [
                ("圖靈提出模仿遊戲（1950）", "Turing proposes the imitation game (1950)"),
                (
                    "達特茅斯研討會提出「人工智慧」一詞（1956）",
                    "The Dartmouth workshop coins 'artificial intelligence' (1956)",
                ),
                (
                    "專家系統在產業中盛行（1980 年代）",
                    "Expert systems flourish in industry (1980s)",
                ),
                (
                    "AlexNet 在 ImageNet 競賽大勝（2012）",
                    "AlexNet wins ImageNet by a wide margin (2012)",
                ),
                (
                    "Transformer 架構發表（2017）",
                    "The Transformer architecture is published (2017)",
                ),
                (
                    "ChatGPT 發布，生成式 AI 普及（2022）",
                    "ChatGPT is released and generative AI goes mainstream (2022)",
                ),
            ],
        ),
        matching(
            "1.1-match-milestones",
            A,
            D,
            "remember",
            "medium",
            ("請將每個里程碑對應到它的意義。", "Match each milestone to its significance."),
            [
                (
                    (
                        "深藍（Deep Blue）擊敗西洋棋世界冠軍",
                        "Deep Blue beats the world chess champion",
                    ),
                    (
                        "搜尋與專用硬體在棋類上超越人類",
                        "Search and special hardware surpass humans at chess",
                    ),
                ),
                (
                    ("AlexNet 贏得 ImageNet 競賽", "AlexNet wins ImageNet"),
                    (
                        "深度學習在影像辨識上的突破",
                        "Deep learning's breakthrough in image recognition",
                    ),
                ),
                (
                    ("AlphaGo 擊敗李世乭", "AlphaGo beats Lee Sedol"),
                    ("深度強化學習攻克圍棋", "Deep reinforcement learning conquers Go"),
                ),
                (
                    ("ChatGPT 發布", "ChatGPT is released"),
                    ("生成式 AI 走入大眾日常", "Generative AI enters everyday life"),
                ),
            ],
            distractors=[("第一台個人電腦問世", "The first personal computer appears")],
        ),
        short_text(
            "1.1-st-turing",
            A,
            D,
            "remember",
            "easy",
            (
                "以「人類能否分辨對話對象是機器還是真人」來判斷機器智能的測試，通常稱為什麼？",
                "What is the test called that judges machine intelligence by whether a person can tell a machine from a human in conversation?",
            ),
            ["圖靈測試", "圖靈測驗", "Turing test"],
            ["Turing test", "the Turing test", "imitation game"],
            patterns=[r"(?i)^\s*(the\s+)?turing\s+test\s*$", r"^\s*圖靈測[試驗]\s*$"],
        ),
        multi(
            "1.1-mr-drivers",
            A,
            D,
            "understand",
            "medium",
            (
                "2010 年代以來深度學習快速發展，主要是由哪些因素推動？（選出所有正確者）",
                "Which factors drove the rapid rise of deep learning from the 2010s? (Select all that apply.)",
            ),
            [
                ok(
                    "大量數位化資料的累積",
                    "大量資料讓深層模型能學到有用的特徵。",
                    "Large accumulations of digital data",
                    "Large data lets deep models learn useful features.",
                ),
                ok(
                    "GPU 等平行運算硬體的進步",
                    "GPU 大幅縮短訓練時間。",
                    "Advances in parallel hardware such as GPUs",
                    "GPUs cut training time dramatically.",
                ),
                ok(
                    "演算法與訓練技巧的改良（如 ReLU、dropout）",
                    "改良的技巧讓深層網路更容易訓練。",
                    "Better algorithms and training techniques (ReLU, dropout)",
                    "Improved techniques made deep networks trainable.",
                ),
                no(
                    "全面禁止傳統機器學習方法",
                    "沒有這樣的禁令，傳統方法至今仍廣泛使用。",
                    "A ban on classical ML methods",
                    "No such ban; classical methods remain widely used.",
                ),
                no(
                    "電腦改用真空管",
                    "真空管是早期電腦的元件，與深度學習興起無關。",
                    "Computers switching to vacuum tubes",
                    "Vacuum tubes belong to early computers, unrelated to deep learning.",
                ),
            ],
        ),
    ]


# --- 1.2 ---------------------------------------------------------------------------------------
LEARNING = {
    "supervised": Category(
        "監督式學習",
        "Supervised learning",
        "從有標準答案（標籤）的資料學習輸入到輸出的對應",
        "learning a mapping from inputs to outputs using data with known answers (labels)",
    ),
    "unsupervised": Category(
        "非監督式學習",
        "Unsupervised learning",
        "在沒有標籤的資料中找出結構，例如分群或降維",
        "finding structure in unlabelled data, such as clusters or lower dimensions",
    ),
    "reinforcement": Category(
        "強化學習",
        "Reinforcement learning",
        "代理透過與環境互動、依獎勵或懲罰學習行動策略",
        "an agent learning a policy by acting in an environment and receiving rewards or penalties",
    ),
    "self-supervised": Category(
        "自監督式學習",
        "Self-supervised learning",
        "從資料本身自動產生學習目標（如遮住部分內容再預測），不需人工標註",
        "creating learning targets from the data itself (e.g. masking part and predicting it) without human labels",
    ),
    "semi-supervised": Category(
        "半監督式學習",
        "Semi-supervised learning",
        "同時利用少量有標籤與大量無標籤的資料學習",
        "learning from a small labelled set together with a large unlabelled one",
    ),
}
LEARNING_Q = ("這最符合哪一種學習方式？", "Which kind of learning does this best fit?")
LEARNING_SCENARIOS = [
    Scenario(
        "loan-labels",
        A,
        "easy",
        "銀行用過去 5 萬筆已知是否違約的貸款紀錄，訓練模型預測新申請者是否會違約。",
        "A bank trains a model on 50,000 past loans with known default outcomes to predict whether new applicants will default.",
        "supervised",
        "訓練資料有明確的標籤（是否違約），是監督式學習。",
        "The training data carries labels (default or not): supervised learning.",
    ),
    Scenario(
        "segments",
        A,
        "easy",
        "行銷部門把會員依消費行為自動分成幾個族群，事先並不知道該分成哪些群。",
        "Marketing groups members automatically by purchasing behaviour without knowing the groups in advance.",
        "unsupervised",
        "沒有標籤，目的是發現資料中的群組結構，是非監督式學習。",
        "No labels, and the aim is to discover groups: unsupervised learning.",
    ),
    Scenario(
        "robot-walk",
        A,
        "easy",
        "機器人透過不斷嘗試走路，跌倒就扣分、前進就加分，逐漸學會平穩行走。",
        "A robot learns to walk by trial and error, losing points for falls and gaining them for progress.",
        "reinforcement",
        "透過與環境互動並依獎懲學習策略，是強化學習。",
        "Learning a policy from rewards and penalties while interacting is reinforcement learning.",
    ),
    Scenario(
        "masked-words",
        A,
        "medium",
        "語言模型在大量文章中隨機遮住一些字詞，再訓練自己預測被遮住的字詞。",
        "A language model randomly masks words in lots of text and trains itself to predict them.",
        "self-supervised",
        "學習目標（被遮住的字）來自資料本身，不需人工標註，是自監督式學習。",
        "The targets (masked words) come from the data itself with no human labels: self-supervised learning.",
        ("unsupervised", "supervised", "semi-supervised"),
    ),
    Scenario(
        "temperature-reg",
        A,
        "easy",
        "氣象單位用歷史的溫度、濕度與氣壓，以及隔天實際的降雨量，訓練模型預測明天的降雨量。",
        "A weather service trains a model on historical temperature, humidity and pressure plus the next day's actual rainfall to predict tomorrow's rainfall.",
        "supervised",
        "有實際降雨量作為標準答案，是監督式學習（迴歸問題）。",
        "Actual rainfall is the known answer: supervised learning (regression).",
    ),
    Scenario(
        "anomaly-logs",
        A,
        "medium",
        "資安團隊從從未標記過的大量登入紀錄中，找出與多數行為明顯不同的異常登入。",
        "A security team finds logins that differ sharply from the norm in a mass of never-labelled login records.",
        "unsupervised",
        "沒有標籤、從資料分布找出異常，屬非監督式學習。",
        "Finding outliers in unlabelled data is unsupervised learning.",
        ("supervised", "reinforcement", "self-supervised"),
    ),
    Scenario(
        "few-labels",
        P,
        "medium",
        "醫院只有 500 張由醫師標註的病理影像，卻有 5 萬張未標註影像，團隊設計方法同時利用兩者訓練分類模型。",
        "A hospital has only 500 pathologist-labelled slides but 50,000 unlabelled ones, and the team trains a classifier using both.",
        "semi-supervised",
        "少量標註加大量未標註資料一起學習，是半監督式學習。",
        "Learning from a few labelled plus many unlabelled examples is semi-supervised learning.",
        ("self-supervised", "supervised", "unsupervised"),
    ),
    Scenario(
        "ad-bidding",
        P,
        "hard",
        "廣告系統每次出價後觀察是否帶來點擊與轉換，並依此調整未來的出價策略，以最大化長期收益。",
        "An ad system observes clicks and conversions after each bid and adjusts its future bidding policy to maximise long-run revenue.",
        "reinforcement",
        "依行動結果（獎勵）調整策略、追求長期累積收益，是強化學習。",
        "Adjusting a policy from the rewards of actions to maximise long-run return is reinforcement learning.",
        ("supervised", "semi-supervised", "unsupervised"),
    ),
    Scenario(
        "contrastive",
        P,
        "hard",
        "團隊把同一張商品照片做裁切、變色等變化，訓練模型讓同一張照片的不同版本向量接近、不同照片的向量遠離，全程沒有人工標註。",
        "A team makes crops and colour shifts of each product photo and trains a model to bring versions of the same photo close together and push different photos apart, with no human labels.",
        "self-supervised",
        "學習訊號來自資料本身的變化版本（對比學習），不需標註，屬自監督式學習。",
        "The training signal comes from augmented versions of the data itself (contrastive learning): self-supervised.",
        ("unsupervised", "semi-supervised", "supervised"),
    ),
    Scenario(
        "pca-sensors",
        P,
        "medium",
        "工廠把 200 個感測器欄位壓縮成 10 個主成分，以便視覺化與後續分析，過程中不使用任何標籤。",
        "A plant compresses 200 sensor fields into 10 principal components for visualisation and further analysis, using no labels.",
        "unsupervised",
        "降維找出資料結構且不使用標籤，屬非監督式學習。",
        "Dimensionality reduction without labels is unsupervised learning.",
        ("self-supervised", "supervised", "semi-supervised"),
    ),
]

FIT = {
    "overfitting": Category(
        "過擬合",
        "Overfitting",
        "模型記住訓練資料的細節與雜訊，訓練表現好但在新資料上明顯變差",
        "the model memorises details and noise of the training data, doing well there but clearly worse on new data",
    ),
    "underfitting": Category(
        "欠擬合",
        "Underfitting",
        "模型太簡單或特徵不足，連訓練資料都學不好",
        "the model is too simple or lacks features and does poorly even on training data",
    ),
    "good": Category(
        "配適良好",
        "A good fit",
        "訓練與驗證表現都好且差距小",
        "good performance on both training and validation data with a small gap",
    ),
    "leakage": Category(
        "疑似資料洩漏",
        "Suspected data leakage",
        "訓練或驗證資料中混入了預測時不該知道的資訊，使表現好得不合理",
        "information that would not be known at prediction time got into the data, making results implausibly good",
    ),
}
FIT_Q = ("最可能的診斷是什麼？", "What is the most likely diagnosis?")
FIT_SCENARIOS = [
    Scenario(
        "deep-tree",
        A,
        "easy",
        "決策樹不限制深度，訓練準確率 99%，驗證準確率 71%。",
        "An unpruned decision tree scores 99% training accuracy and 71% validation accuracy.",
        "overfitting",
        "訓練極好、驗證明顯較差，差距大，是過擬合。",
        "Near-perfect training and much worse validation—a big gap—is overfitting.",
        ("underfitting", "good", "leakage"),
    ),
    Scenario(
        "linear-curve",
        A,
        "easy",
        "以直線模型預測明顯呈曲線關係的資料，訓練與驗證的誤差都很高且相近。",
        "A straight-line model is fitted to clearly curved data; training and validation errors are both high and similar.",
        "underfitting",
        "連訓練資料都學不好，是模型太簡單造成的欠擬合。",
        "It cannot even fit the training data: underfitting from too simple a model.",
        ("overfitting", "good", "leakage"),
    ),
    Scenario(
        "balanced",
        A,
        "easy",
        "模型訓練準確率 88%，驗證準確率 86%，且高於業務要求的 80%。",
        "A model scores 88% on training and 86% on validation, above the business requirement of 80%.",
        "good",
        "兩者都好且差距小，是配適良好。",
        "Both good with a small gap: a good fit.",
        ("overfitting", "underfitting", "leakage"),
    ),
    Scenario(
        "churn-leak",
        A,
        "medium",
        "預測客戶是否流失的模型，驗證準確率高達 99.8%；特徵中包含「帳號關閉日期」。",
        "A churn model reaches 99.8% validation accuracy; its features include 'account closure date'.",
        "leakage",
        "帳號關閉日期只有在客戶流失後才會出現，等於把答案放進特徵，是資料洩漏。",
        "A closure date only exists after churn: the answer is in the features, which is leakage.",
        ("overfitting", "good", "underfitting"),
    ),
    Scenario(
        "many-features",
        P,
        "medium",
        "只有 300 筆樣本卻用了 2,000 個特徵訓練模型，訓練誤差幾乎為 0，交叉驗證誤差很高。",
        "A model uses 2,000 features on only 300 samples; training error is almost zero and cross-validation error is high.",
        "overfitting",
        "特徵遠多於樣本讓模型能記住訓練資料，驗證表現差，是過擬合。",
        "Far more features than samples lets the model memorise training data: overfitting.",
        ("leakage", "underfitting", "good"),
    ),
    Scenario(
        "strong-reg",
        P,
        "medium",
        "把正則化強度調到非常大之後，訓練與驗證的 R² 都從 0.8 降到 0.3 左右。",
        "After raising regularisation to a very high strength, both training and validation R² fall from about 0.8 to about 0.3.",
        "underfitting",
        "過強的正則化限制了模型，使訓練表現也下降，是欠擬合。",
        "Excessive regularisation constrains the model so even training performance drops: underfitting.",
        ("overfitting", "good", "leakage"),
    ),
    Scenario(
        "dup-patients",
        P,
        "hard",
        "影像模型隨機切分訓練與驗證集後驗證準確率 98%，但同一位病人的多張影像同時出現在兩邊；改以病人為單位切分後只剩 81%。",
        "An imaging model scores 98% with a random split, but the same patient's images appear on both sides; splitting by patient drops it to 81%.",
        "leakage",
        "同一病人的影像橫跨訓練與驗證，模型可藉病人特徵「認出」答案，是資料洩漏（群組洩漏）。",
        "One patient's images spanning both sets let the model recognise the patient: leakage (group leakage).",
        ("overfitting", "good", "underfitting"),
    ),
    Scenario(
        "val-higher",
        P,
        "hard",
        "模型訓練準確率 84%、驗證準確率 85%；訓練時使用了強資料增強與 dropout，驗證時則沒有。",
        "A model scores 84% on training and 85% on validation; strong augmentation and dropout are applied in training but not in validation.",
        "good",
        "驗證略高於訓練，是因為訓練時的正則化讓訓練表現較保守；兩者接近且都合理，屬配適良好。",
        "Validation slightly above training is explained by regularisation active only in training; the two are close and sound: a good fit.",
        ("leakage", "overfitting", "underfitting"),
    ),
]


def _gd_family() -> list[ItemSpec]:
    rng = random.Random("aicert-demo:1.2-gd")
    specs = []
    for index in range(4):
        while True:
            w = rng.choice([0.8, 1.5, 2.0, -0.5, 3.2])
            grad = rng.choice([0.4, -1.2, 2.5, 0.9, -0.6])
            lr = rng.choice([0.1, 0.05, 0.2])
            new = w - lr * grad
            if round(new * 1000) % 10 != 5:  # not half-way at two places
                break
        level = A if index < 2 else P
        specs.append(
            computed(
                f"1.2-gd-{index + 1}",
                level,
                "1.2",
                "apply",
                "medium",
                (
                    f"以梯度下降更新一個權重：目前 w = {w}，損失函數對 w 的梯度為 {grad}，學習率為 {lr}。更新一步後的 w 是多少？（取小數點後兩位）",
                    f"A weight is updated by gradient descent: currently w = {w}, the gradient of the loss with respect to w is {grad}, and the learning rate is {lr}. What is w after one step? (two decimal places)",
                ),
                new,
                (
                    f"w ← w − 學習率 × 梯度 = {w} − {lr} × ({grad}) = {new:.2f}；沿梯度的反方向移動才能降低損失。",
                    f"w ← w − learning rate × gradient = {w} − {lr} × ({grad}) = {new:.2f}; moving against the gradient lowers the loss.",
                ),
                [
                    Mistake(
                        w + lr * grad,
                        "用了加號：沿梯度方向移動會讓損失增加。",
                        "A plus sign was used: moving along the gradient increases the loss.",
                    ),
                    Mistake(w - grad, "忘了乘上學習率。", "The learning rate was left out."),
                    Mistake(
                        w * (1 - lr),
                        "把學習率乘在權重上，沒有用到梯度。",
                        "The learning rate was applied to the weight and the gradient ignored.",
                    ),
                    Mistake(
                        lr * grad,
                        "這只是更新量，不是更新後的權重。",
                        "That is only the step, not the updated weight.",
                    ),
                ],
            )
        )
    for index in range(2):
        while True:
            y = [rng.choice([2, 3, 4, 5, 6]) for _ in range(4)]
            yhat = [v + rng.choice([-3, -1, 1, 2]) for v in y]
            err = [a - b for a, b in zip(y, yhat, strict=True)]
            mse = sum(e * e for e in err) / 4
            mae = sum(abs(e) for e in err) / 4
            shown = {f"{x:.2f}" for x in (mse, mae, 4 * mse, math.sqrt(mse))}
            if len(shown) == 4:
                break
        specs.append(
            computed(
                f"1.2-mse-{index + 1}",
                P,
                "1.2",
                "apply",
                "medium",
                (
                    f"迴歸模型對 4 筆資料的真實值為 {y}，預測值為 {yhat}。均方誤差（MSE）是多少？",
                    f"A regression model's true values for 4 records are {y} and its predictions are {yhat}. What is the mean squared error (MSE)?",
                ),
                mse,
                (
                    f"誤差為 {err}，平方後平均：({' + '.join(str(e * e) for e in err)}) ÷ 4 = {mse:.2f}。",
                    f"The errors are {err}; square and average: ({' + '.join(str(e * e) for e in err)}) ÷ 4 = {mse:.2f}.",
                ),
                [
                    Mistake(
                        mae,
                        "這是平均絕對誤差（MAE），沒有取平方。",
                        "That is the mean absolute error (MAE), without squaring.",
                    ),
                    Mistake(
                        sum(e * e for e in err),
                        "沒有除以筆數，這是誤差平方和。",
                        "Not divided by the count: that is the sum of squared errors.",
                    ),
                    Mistake(
                        math.sqrt(mse),
                        "這是均方根誤差（RMSE），多開了根號。",
                        "That is the RMSE: an extra square root.",
                    ),
                    Mistake(
                        sum(err) / 4,
                        "誤差直接相加會正負抵銷，不是 MSE。",
                        "Raw errors cancel out; that is not MSE.",
                    ),
                ],
            )
        )
    return specs


def _ml_hand() -> list[ItemSpec]:
    D = "1.2"
    return [
        single(
            "1.2-feature-label",
            A,
            D,
            "remember",
            "easy",
            (
                "以「坪數、屋齡、區域」預測「成交價」的模型中，「成交價」在機器學習中稱為什麼？",
                "In a model that predicts sale price from floor area, building age and district, what is 'sale price' called in machine learning?",
            ),
            [
                ok(
                    "標籤（目標變數）",
                    "模型要預測的答案稱為標籤或目標變數。",
                    "The label (target variable)",
                    "What the model predicts is the label or target.",
                ),
                no(
                    "特徵",
                    "坪數、屋齡、區域才是特徵（輸入）。",
                    "A feature",
                    "Floor area, age and district are the features (inputs).",
                ),
                no(
                    "超參數",
                    "超參數是訓練前設定的值，如學習率。",
                    "A hyperparameter",
                    "Hyperparameters are set before training, like the learning rate.",
                ),
                no(
                    "權重",
                    "權重是模型在訓練中學到的參數。",
                    "A weight",
                    "Weights are parameters learned in training.",
                ),
            ],
        ),
        single(
            "1.2-test-set",
            A,
            D,
            "understand",
            "easy",
            (
                "把資料切成訓練集、驗證集與測試集時，測試集的主要用途是什麼？",
                "When data is split into training, validation and test sets, what is the test set mainly for?",
            ),
            [
                ok(
                    "在模型與超參數都定案後，估計模型在未見過資料上的最終表現",
                    "測試集只在最後使用一次，才能公正估計泛化能力。",
                    "Estimating final performance on unseen data once the model and hyperparameters are settled",
                    "Used once at the end, it gives a fair estimate of generalisation.",
                ),
                no(
                    "用來訓練模型的權重",
                    "那是訓練集的用途。",
                    "Training the model's weights",
                    "That is the training set's job.",
                ),
                no(
                    "用來反覆調整超參數",
                    "調參應使用驗證集；反覆用測試集調參會高估表現。",
                    "Tuning hyperparameters repeatedly",
                    "Tuning uses the validation set; tuning on the test set inflates results.",
                ),
                no(
                    "用來補足訓練資料的不足",
                    "測試集不可混入訓練。",
                    "Topping up the training data",
                    "The test set must never be trained on.",
                ),
            ],
        ),
        single(
            "1.2-overfit-fix",
            A,
            D,
            "apply",
            "medium",
            (
                "模型出現明顯的過擬合（訓練表現遠好於驗證表現）。下列哪一種作法最可能改善？",
                "A model clearly overfits (far better on training than validation). Which action is most likely to help?",
            ),
            [
                ok(
                    "增加訓練資料或加入正則化、降低模型複雜度",
                    "更多資料與限制模型複雜度，能減少模型記住雜訊。",
                    "Add training data, or add regularisation and reduce model complexity",
                    "More data and less capacity reduce memorising noise.",
                ),
                no(
                    "增加更多特徵與模型層數",
                    "會讓模型更複雜，通常加重過擬合。",
                    "Add more features and layers",
                    "More complexity usually worsens overfitting.",
                ),
                no(
                    "延長訓練時間直到訓練誤差為 0",
                    "會更貼合訓練資料，加重過擬合。",
                    "Train longer until training error is zero",
                    "That fits the training data even more closely.",
                ),
                no(
                    "把驗證集併入訓練集後不再驗證",
                    "無法再評估泛化能力，問題只是被掩蓋。",
                    "Merge the validation set into training and stop validating",
                    "It hides the problem by removing the check.",
                ),
            ],
        ),
        single(
            "1.2-hyperparam",
            A,
            D,
            "understand",
            "medium",
            ("下列何者屬於「超參數」（hyperparameter）？", "Which of these is a hyperparameter?"),
            [
                ok(
                    "決策樹的最大深度",
                    "最大深度是在訓練前設定、控制學習過程的值。",
                    "The maximum depth of a decision tree",
                    "Maximum depth is set before training and controls learning.",
                ),
                no(
                    "線性迴歸學到的係數",
                    "係數是從資料學到的模型參數。",
                    "The coefficients learned by linear regression",
                    "Coefficients are parameters learned from data.",
                ),
                no(
                    "神經網路訓練後的權重",
                    "權重是學到的參數。",
                    "A trained network's weights",
                    "Weights are learned parameters.",
                ),
                no(
                    "資料中的標籤",
                    "標籤是資料的一部分。",
                    "The labels in the data",
                    "Labels are part of the data.",
                ),
            ],
        ),
        single(
            "1.2-generalisation",
            A,
            D,
            "understand",
            "easy",
            (
                "機器學習模型的「泛化能力」指的是什麼？",
                "What does a machine-learning model's ability to generalise mean?",
            ),
            [
                ok(
                    "在沒有看過的新資料上也能有好的表現",
                    "模型的價值在於處理未來的新資料，而非只記住訓練資料。",
                    "Performing well on new data it has never seen",
                    "A model's value is handling future data, not remembering training data.",
                ),
                no(
                    "訓練速度很快",
                    "速度與泛化無關。",
                    "Training quickly",
                    "Speed is unrelated to generalisation.",
                ),
                no(
                    "能同時處理很多種語言",
                    "那是多語能力。",
                    "Handling many languages",
                    "That is multilingual ability.",
                ),
                no(
                    "參數數量很多",
                    "參數多不代表泛化好，甚至可能過擬合。",
                    "Having many parameters",
                    "More parameters do not mean better generalisation and may overfit.",
                ),
            ],
        ),
        single(
            "1.2-learning-rate",
            A,
            D,
            "understand",
            "medium",
            (
                "訓練時損失值忽高忽低、甚至越來越大而無法收斂，最可能的原因是什麼？",
                "During training the loss jumps around and even grows instead of converging. What is the most likely cause?",
            ),
            [
                ok(
                    "學習率太大，每一步更新過頭而越過最低點",
                    "學習率過大會造成震盪或發散，應調降學習率。",
                    "The learning rate is too large, so each step overshoots the minimum",
                    "A large learning rate causes oscillation or divergence; lower it.",
                ),
                no(
                    "學習率太小",
                    "學習率太小通常是收斂很慢，而不是發散。",
                    "The learning rate is too small",
                    "Too small usually means slow convergence, not divergence.",
                ),
                no(
                    "訓練資料太多",
                    "資料多不會造成損失發散。",
                    "Too much training data",
                    "More data does not cause divergence.",
                ),
                no(
                    "測試集太小",
                    "測試集不參與訓練過程。",
                    "The test set is too small",
                    "The test set plays no part in training.",
                ),
            ],
        ),
        single(
            "1.2-bias-variance",
            P,
            D,
            "analyse",
            "hard",
            (
                "關於「偏差–變異」權衡，下列敘述何者正確？",
                "Which statement about the bias–variance trade-off is correct?",
            ),
            [
                ok(
                    "模型越複雜通常偏差越低、變異越高；目標是讓兩者加總的泛化誤差最小",
                    "簡單模型偏差高（欠擬合），複雜模型變異高（過擬合），需在兩者間取捨。",
                    "More complex models usually have lower bias and higher variance; the aim is to minimise the total generalisation error",
                    "Simple models have high bias (underfit), complex ones high variance (overfit); balance them.",
                ),
                no(
                    "偏差與變異可以同時降到 0，只要訓練夠久",
                    "在有限資料與雜訊下無法同時消除。",
                    "Both can reach zero with enough training",
                    "With finite, noisy data they cannot both be removed.",
                ),
                no(
                    "高變異代表模型太簡單",
                    "高變異通常代表模型太複雜、對訓練資料太敏感。",
                    "High variance means the model is too simple",
                    "High variance usually means too complex and too sensitive to the training data.",
                ),
                no(
                    "增加訓練資料會提高變異",
                    "更多資料通常降低變異。",
                    "More training data raises variance",
                    "More data usually lowers variance.",
                ),
            ],
        ),
        single(
            "1.2-regularisation",
            P,
            D,
            "understand",
            "medium",
            (
                "在線性模型中加入 L1 正則化（Lasso）常見的效果是什麼？",
                "What is a common effect of adding L1 regularisation (Lasso) to a linear model?",
            ),
            [
                ok(
                    "使部分係數變成 0，具有特徵選擇的效果",
                    "L1 懲罰會把不重要特徵的係數壓到 0。",
                    "Some coefficients become exactly zero, which selects features",
                    "The L1 penalty pushes unimportant coefficients to zero.",
                ),
                no(
                    "讓所有係數變大",
                    "正則化會壓縮係數。",
                    "All coefficients grow",
                    "Regularisation shrinks coefficients.",
                ),
                no(
                    "增加模型的訓練準確率",
                    "正則化通常略降訓練表現以換取泛化。",
                    "Training accuracy rises",
                    "Regularisation usually trades a little training accuracy for generalisation.",
                ),
                no(
                    "把模型變成非線性",
                    "正則化不改變模型的函數形式。",
                    "The model becomes non-linear",
                    "It does not change the model's functional form.",
                ),
            ],
        ),
        single(
            "1.2-no-free-lunch",
            P,
            D,
            "evaluate",
            "hard",
            (
                "團隊爭論「哪一種演算法最好」。依「沒有免費午餐定理」的精神，最恰當的結論是？",
                "A team argues over which algorithm is best. In the spirit of the no-free-lunch theorem, what is the right conclusion?",
            ),
            [
                ok(
                    "沒有一種演算法在所有問題上都最好；應依資料與問題特性，以驗證結果比較候選方法",
                    "演算法的優劣取決於問題，必須實證比較。",
                    "No algorithm is best on every problem; compare candidates on validation results for this data and problem",
                    "Which algorithm wins depends on the problem and must be tested.",
                ),
                no(
                    "深度學習在所有問題上都最好",
                    "在小型表格資料上，樹模型等方法常更好。",
                    "Deep learning is best everywhere",
                    "On small tabular data, tree models and others often do better.",
                ),
                no(
                    "最新發表的演算法一定最好",
                    "新不等於適合你的問題。",
                    "The newest algorithm is always best",
                    "New does not mean suited to your problem.",
                ),
                no(
                    "所有演算法的表現都一樣，隨便選即可",
                    "在特定問題上，不同演算法的表現差異可能很大。",
                    "All algorithms perform the same, so pick any",
                    "On a given problem they can differ greatly.",
                ),
            ],
        ),
        single(
            "1.2-loss-choice",
            P,
            D,
            "apply",
            "medium",
            (
                "要訓練一個預測「是否點擊廣告」（是／否）的模型，並希望輸出可解釋為機率。最常用的損失函數是？",
                "You train a model to predict whether an ad is clicked (yes/no) and want its output to be a probability. Which loss function is most common?",
            ),
            [
                ok(
                    "二元交叉熵（對數損失）",
                    "二元分類輸出機率時，交叉熵是標準選擇。",
                    "Binary cross-entropy (log loss)",
                    "It is the standard choice for probabilistic binary classification.",
                ),
                no(
                    "均方誤差",
                    "均方誤差常用於迴歸；用於分類效果較差。",
                    "Mean squared error",
                    "MSE suits regression; it works poorly for classification.",
                ),
                no(
                    "平均絕對誤差",
                    "同樣主要用於迴歸。",
                    "Mean absolute error",
                    "Also mainly for regression.",
                ),
                no(
                    "餘弦相似度",
                    "餘弦相似度是相似度量，不是分類損失。",
                    "Cosine similarity",
                    "A similarity measure, not a classification loss.",
                ),
            ],
        ),
        true_false(
            "1.2-tf-more-data",
            A,
            D,
            "understand",
            "medium",
            (
                "增加具代表性的訓練資料，通常有助於減輕過擬合。",
                "Adding representative training data usually helps reduce overfitting.",
            ),
            True,
            (
                "更多資料讓模型較難記住個別樣本的雜訊，學到較一般的規律。",
                "More data makes it harder to memorise individual noise and encourages general patterns.",
            ),
        ),
        multi(
            "1.2-mr-overfit-signs",
            P,
            D,
            "analyse",
            "medium",
            (
                "下列哪些措施可以用來降低過擬合？（選出所有正確者）",
                "Which of these measures reduce overfitting? (Select all that apply.)",
            ),
            [
                ok(
                    "L1 或 L2 正則化",
                    "懲罰大的權重，限制模型複雜度。",
                    "L1 or L2 regularisation",
                    "Penalising large weights limits complexity.",
                ),
                ok(
                    "提早停止（early stopping）",
                    "在驗證誤差開始上升時停止訓練。",
                    "Early stopping",
                    "Stop when validation error starts to rise.",
                ),
                ok(
                    "交叉驗證選擇模型複雜度",
                    "以驗證表現選擇合適的複雜度。",
                    "Choosing complexity by cross-validation",
                    "Pick the complexity that validates best.",
                ),
                ok(
                    "資料增強",
                    "增加資料多樣性，減少記憶。",
                    "Data augmentation",
                    "More varied data means less memorisation.",
                ),
                no(
                    "把測試集也拿來訓練",
                    "這是資料洩漏，只會讓評估失真。",
                    "Training on the test set too",
                    "That is leakage and only distorts evaluation.",
                ),
            ],
        ),
        matching(
            "1.2-match-paradigms",
            A,
            D,
            "understand",
            "easy",
            (
                "請將每個應用對應到最合適的學習方式。",
                "Match each application to the most suitable kind of learning.",
            ),
            [
                (
                    ("依已標記的郵件判斷垃圾郵件", "Spotting spam from labelled emails"),
                    ("監督式學習", "Supervised learning"),
                ),
                (
                    ("把顧客分成不同族群", "Grouping customers into segments"),
                    ("非監督式學習", "Unsupervised learning"),
                ),
                (
                    (
                        "訓練程式玩電玩遊戲取得高分",
                        "Training a program to score highly at a video game",
                    ),
                    ("強化學習", "Reinforcement learning"),
                ),
            ],
            distractors=[("規則式推論", "Rule-based inference")],
        ),
        short_text(
            "1.2-st-overfitting",
            A,
            D,
            "remember",
            "easy",
            (
                "模型在訓練資料上表現極好、在新資料上表現明顯變差的現象，稱為什麼？",
                "What is it called when a model does extremely well on training data but clearly worse on new data?",
            ),
            ["過擬合", "過度擬合", "過度配適", "overfitting"],
            ["overfitting", "over-fitting", "overfit"],
            patterns=[r"(?i)^\s*over[\s-]?fit(ting)?\s*$", r"^\s*過(度)?(擬合|配適)\s*$"],
        ),
    ]


# --- 1.3 ---------------------------------------------------------------------------------------
ARCHITECTURES = {
    "cnn": Category(
        "卷積神經網路（CNN）",
        "Convolutional neural network (CNN)",
        "以卷積核擷取局部空間特徵，擅長影像",
        "extracting local spatial features with convolution kernels; strong on images",
    ),
    "rnn": Category(
        "循環神經網路（RNN／LSTM）",
        "Recurrent neural network (RNN/LSTM)",
        "依序處理序列並保留隱藏狀態，適合較短的時間序列",
        "processing sequences step by step with a hidden state; suits shorter time series",
    ),
    "transformer": Category(
        "Transformer",
        "Transformer",
        "以自注意力同時關注序列中所有位置，擅長長文本與大規模語言任務",
        "attending to all positions at once with self-attention; strong on long text and large-scale language tasks",
    ),
    "autoencoder": Category(
        "自編碼器",
        "Autoencoder",
        "把輸入壓縮再重建，常用於降維與異常偵測",
        "compressing and reconstructing its input; used for dimensionality reduction and anomaly detection",
    ),
    "generative": Category(
        "生成模型（GAN／擴散模型）",
        "Generative model (GAN/diffusion)",
        "學習資料分布以產生新的樣本，例如影像",
        "learning a data distribution to produce new samples such as images",
    ),
}
ARCH_Q = ("最適合採用哪一種神經網路架構？", "Which neural network architecture fits best?")
ARCH_SCENARIOS = [
    Scenario(
        "defect-photo",
        A,
        "easy",
        "要從產品照片判斷表面是否有刮痕。",
        "Deciding from product photos whether a surface is scratched.",
        "cnn",
        "影像中的局部紋理特徵最適合以卷積神經網路擷取。",
        "Local texture in images is what CNNs capture best.",
        ("transformer", "rnn", "autoencoder"),
    ),
    Scenario(
        "long-docs",
        A,
        "medium",
        "要建立能理解長篇文件並回答問題的語言模型。",
        "Building a language model that understands long documents and answers questions.",
        "transformer",
        "自注意力能同時關注長文中的所有位置，是現今語言模型的主流架構。",
        "Self-attention over all positions makes the Transformer the mainstream language architecture.",
        ("rnn", "cnn", "autoencoder"),
    ),
    Scenario(
        "synthetic-faces",
        A,
        "medium",
        "要產生大量不存在的人臉影像，用來測試人臉辨識系統。",
        "Producing many images of faces that do not exist, to test a face-recognition system.",
        "generative",
        "產生新的影像樣本屬生成模型的任務。",
        "Producing new image samples is a job for generative models.",
        ("cnn", "autoencoder", "transformer"),
    ),
    Scenario(
        "vibration-normal",
        A,
        "hard",
        "只有正常運轉時的馬達振動資料，想偵測出與正常模式不同的異常振動。",
        "Only normal-operation motor vibration data is available, and abnormal vibration must be detected.",
        "autoencoder",
        "以正常資料訓練自編碼器，重建誤差大的樣本即可能異常。",
        "Train an autoencoder on normal data; samples it reconstructs poorly are likely anomalies.",
        ("cnn", "generative", "rnn"),
    ),
    Scenario(
        "sensor-short",
        P,
        "medium",
        "要用過去 24 小時、每小時一筆的溫度序列預測下一小時的溫度，模型需部署在運算資源有限的設備上。",
        "Predicting next hour's temperature from the past 24 hourly readings, on a device with limited computing power.",
        "rnn",
        "短序列、逐步預測且資源有限，輕量的 RNN/LSTM 足以勝任。",
        "A short sequence, step-ahead prediction and tight resources suit a lightweight RNN/LSTM.",
        ("transformer", "generative", "autoencoder"),
    ),
    Scenario(
        "satellite-seg",
        P,
        "medium",
        "要在衛星影像中逐像素標出農地、建物與水體的範圍。",
        "Labelling every pixel of satellite images as farmland, buildings or water.",
        "cnn",
        "逐像素的影像分割仍以卷積架構（如 U-Net）為主流。",
        "Pixel-wise segmentation is still dominated by convolutional designs such as U-Net.",
        ("transformer", "generative", "rnn"),
    ),
    Scenario(
        "denoise-compress",
        P,
        "hard",
        "要把 512 維的感測器向量壓縮成 16 維的表示，並能以這 16 維還原原始資料。",
        "Compressing 512-dimensional sensor vectors into a 16-dimensional representation from which the original can be reconstructed.",
        "autoencoder",
        "壓縮成瓶頸表示再重建，正是自編碼器的結構。",
        "Compressing to a bottleneck and reconstructing is exactly an autoencoder.",
        ("generative", "cnn", "transformer"),
    ),
    Scenario(
        "translation",
        P,
        "medium",
        "要建立中英雙向的機器翻譯系統，並有大量平行語料。",
        "Building Chinese–English machine translation with plenty of parallel text.",
        "transformer",
        "Transformer 的編碼器–解碼器架構原本就是為機器翻譯提出，效果最好。",
        "The Transformer encoder–decoder was introduced for translation and performs best.",
        ("rnn", "cnn", "autoencoder"),
    ),
]


def _dl_family() -> list[ItemSpec]:
    rng = random.Random("aicert-demo:1.3-calc")
    specs: list[ItemSpec] = []
    for index in range(3):
        while True:
            w = rng.choice([28, 32, 64, 224, 227])
            k = rng.choice([3, 5, 7])
            pad = rng.choice([0, 1, 2, 3])
            s = rng.choice([1, 2])
            out = (w - k + 2 * pad) // s + 1
            cands = {out, (w - k + 2 * pad) // s, (w - k) // s + 1, (w - k + 2 * pad) + 1}
            if len(cands) == 4 and (w - k + 2 * pad) % s == 0:
                break
        specs.append(
            computed(
                f"1.3-conv-{index + 1}",
                P,
                "1.3",
                "apply",
                "medium",
                (
                    f"輸入影像大小為 {w}×{w}，卷積核 {k}×{k}、填補（padding）{pad}、步幅（stride）{s}。輸出特徵圖的寬度是多少？",
                    f"An input image is {w}×{w}; the convolution uses a {k}×{k} kernel, padding {pad} and stride {s}. What is the width of the output feature map?",
                ),
                out,
                (
                    f"輸出寬度 = (W − K + 2P) ÷ S + 1 = ({w} − {k} + 2×{pad}) ÷ {s} + 1 = {out}。",
                    f"Output width = (W − K + 2P) ÷ S + 1 = ({w} − {k} + 2×{pad}) ÷ {s} + 1 = {out}.",
                ),
                [
                    Mistake(
                        (w - k + 2 * pad) // s, "漏了最後的 +1。", "The final +1 was left out."
                    ),
                    Mistake((w - k) // s + 1, "忘了加上填補。", "The padding was forgotten."),
                    Mistake(w - k + 2 * pad + 1, "忘了除以步幅。", "The stride was forgotten."),
                ],
                places=0,
            )
        )
    layers = [(784, 128), (128, 64), (300, 10), (512, 256)]
    for index, (n_in, n_out) in enumerate(layers):
        level = A if index < 2 else P
        total = n_in * n_out + n_out
        specs.append(
            computed(
                f"1.3-params-{index + 1}",
                level,
                "1.3",
                "apply",
                "medium",
                (
                    f"一個全連接層有 {n_in} 個輸入與 {n_out} 個輸出神經元，且每個輸出神經元有偏差項。這一層共有多少個可訓練參數？",
                    f"A fully connected layer has {n_in} inputs and {n_out} output neurons, each output with a bias. How many trainable parameters does it have?",
                ),
                total,
                (
                    f"權重 {n_in}×{n_out} = {n_in * n_out:,}，加上 {n_out} 個偏差，共 {total:,}。",
                    f"Weights {n_in}×{n_out} = {n_in * n_out:,}, plus {n_out} biases: {total:,}.",
                ),
                [
                    Mistake(n_in * n_out, "漏算了偏差項。", "The biases were left out."),
                    Mistake(
                        n_in * n_out + n_in,
                        "偏差的數量等於輸出神經元數，不是輸入數。",
                        "There is one bias per output neuron, not per input.",
                    ),
                    Mistake(
                        n_in + n_out,
                        "把輸入數與輸出數相加，沒有計算兩兩之間的連結。",
                        "Adding inputs and outputs ignores the connections between every pair.",
                    ),
                ],
                places=0,
            )
        )
    for index, logits in enumerate([(2.0, 1.0, 0.0), (1.0, 0.5, -1.0)]):
        ex = [math.exp(z) for z in logits]
        p0 = ex[0] / sum(ex)
        shifted = [z - min(logits) for z in logits]
        specs.append(
            computed(
                f"1.3-softmax-{index + 1}",
                P,
                "1.3",
                "apply",
                "hard",
                (
                    f"分類模型最後一層對三個類別輸出的 logits 為 {list(logits)}，經過 softmax 後第一個類別的機率是多少？（取小數點後兩位）",
                    f"A classifier's final layer outputs logits {list(logits)} for three classes. After softmax, what is the probability of the first class? (two decimal places)",
                ),
                p0,
                (
                    f"softmax = e^{logits[0]} ÷ (e^{logits[0]} + e^{logits[1]} + e^{logits[2]}) ≈ {ex[0]:.3f} ÷ {sum(ex):.3f} ≈ {p0:.2f}。",
                    f"softmax = e^{logits[0]} ÷ (e^{logits[0]} + e^{logits[1]} + e^{logits[2]}) ≈ {ex[0]:.3f} ÷ {sum(ex):.3f} ≈ {p0:.2f}.",
                ),
                [
                    Mistake(
                        shifted[0] / sum(shifted),
                        "直接以 logits（平移為非負後）的比例計算，沒有取指數。",
                        "Proportions of the (shifted) logits were used without exponentiating.",
                    ),
                    Mistake(
                        1 / 3,
                        "把三類視為等機率，忽略了 logits 的差異。",
                        "The classes were treated as equally likely, ignoring the logits.",
                    ),
                    Mistake(
                        ex[0] / (ex[0] + ex[1]),
                        "分母漏了第三個類別。",
                        "The third class was left out of the denominator.",
                    ),
                    Mistake(
                        1 / (1 + math.exp(-logits[0])),
                        "這是對第一個 logit 做 sigmoid，不是 softmax。",
                        "That is a sigmoid of the first logit, not softmax.",
                    ),
                ],
            )
        )
    return specs


def _dl_hand() -> list[ItemSpec]:
    D = "1.3"
    return [
        single(
            "1.3-relu",
            A,
            D,
            "understand",
            "easy",
            (
                "神經網路中為什麼需要非線性的激活函數（如 ReLU）？",
                "Why do neural networks need non-linear activation functions such as ReLU?",
            ),
            [
                ok(
                    "沒有非線性，多層網路等同於一層線性模型，無法學習複雜的關係",
                    "線性層的組合仍是線性；非線性讓網路能表示複雜函數。",
                    "Without non-linearity, many layers collapse into a single linear model that cannot learn complex relationships",
                    "Stacked linear layers are still linear; non-linearity lets networks represent complex functions.",
                ),
                no(
                    "為了讓訓練速度變慢以避免過擬合",
                    "激活函數的目的不是減速。",
                    "To slow training down and avoid overfitting",
                    "That is not what activations are for.",
                ),
                no(
                    "為了減少參數數量",
                    "激活函數不改變參數數量。",
                    "To reduce the number of parameters",
                    "Activations add no and remove no parameters.",
                ),
                no(
                    "為了讓輸出一定是整數",
                    "激活函數輸出通常是實數。",
                    "To make outputs whole numbers",
                    "Activations output real numbers.",
                ),
            ],
        ),
        single(
            "1.3-gpu",
            A,
            D,
            "understand",
            "easy",
            (
                "深度學習訓練常使用 GPU，主要原因是什麼？",
                "Why is deep learning usually trained on GPUs?",
            ),
            [
                ok(
                    "GPU 能大量平行執行矩陣運算，而神經網路的運算主要就是矩陣運算",
                    "大量平行的矩陣乘法讓訓練速度大幅提升。",
                    "GPUs run huge numbers of matrix operations in parallel, and neural networks are mostly matrix operations",
                    "Massively parallel matrix multiplication speeds training up enormously.",
                ),
                no(
                    "GPU 的記憶體一定比 CPU 主機大",
                    "GPU 記憶體通常反而較小。",
                    "GPUs always have more memory than the host",
                    "GPU memory is often smaller.",
                ),
                no(
                    "只有 GPU 能執行 Python",
                    "CPU 也能執行 Python。",
                    "Only GPUs can run Python",
                    "CPUs run Python too.",
                ),
                no(
                    "GPU 會自動產生訓練資料",
                    "GPU 是運算硬體，不產生資料。",
                    "GPUs generate training data",
                    "GPUs compute; they do not create data.",
                ),
            ],
        ),
        single(
            "1.3-epoch",
            A,
            D,
            "remember",
            "easy",
            (
                "深度學習訓練中的「一個 epoch」指的是什麼？",
                "What is one epoch in deep-learning training?",
            ),
            [
                ok(
                    "所有訓練資料都被模型完整看過一次",
                    "一個 epoch 是完整走過訓練集一遍，通常分成多個批次。",
                    "The model has seen all the training data once",
                    "An epoch is one full pass over the training set, usually in many batches.",
                ),
                no(
                    "更新一次權重",
                    "更新一次權重是一次迭代（iteration）。",
                    "One weight update",
                    "One update is an iteration.",
                ),
                no(
                    "模型的一層",
                    "層是模型結構。",
                    "One layer of the model",
                    "A layer is model structure.",
                ),
                no(
                    "一次預測所花的時間",
                    "與預測時間無關。",
                    "The time one prediction takes",
                    "Unrelated to prediction time.",
                ),
            ],
        ),
        single(
            "1.3-dropout",
            A,
            D,
            "understand",
            "medium",
            (
                "在神經網路中使用 dropout 的主要目的是什麼？",
                "What is dropout mainly used for in neural networks?",
            ),
            [
                ok(
                    "訓練時隨機停用部分神經元，減少過度依賴特定神經元，降低過擬合",
                    "dropout 是一種正則化方法。",
                    "Randomly switching off some neurons during training to reduce reliance on particular ones and limit overfitting",
                    "Dropout is a regularisation method.",
                ),
                no(
                    "永久刪除表現不好的神經元",
                    "dropout 只在訓練時隨機停用，推論時不刪除。",
                    "Permanently deleting poorly performing neurons",
                    "It only disables neurons randomly during training.",
                ),
                no(
                    "加快推論速度",
                    "目的不是加速推論。",
                    "Speeding up inference",
                    "Not its purpose.",
                ),
                no(
                    "刪除有缺值的訓練資料",
                    "與資料清理無關。",
                    "Dropping training rows with missing values",
                    "Unrelated to data cleaning.",
                ),
            ],
        ),
        single(
            "1.3-vanishing",
            P,
            D,
            "analyse",
            "hard",
            (
                "訓練一個很深的網路時，前面幾層的權重幾乎沒有更新。最可能的原因與常見對策是？",
                "Training a very deep network, the early layers' weights barely change. What is the likely cause and a common remedy?",
            ),
            [
                ok(
                    "梯度消失；改用 ReLU 類激活函數、殘差連接或批次正規化",
                    "反向傳播時梯度逐層相乘變得極小；殘差連接與合適的激活函數能緩解。",
                    "Vanishing gradients; use ReLU-type activations, residual connections or batch normalisation",
                    "Gradients shrink as they are multiplied back through layers; residuals and suitable activations help.",
                ),
                no(
                    "學習率太大；應該提高學習率",
                    "學習率太大通常造成發散，且提高只會更糟。",
                    "The learning rate is too large; raise it further",
                    "Too large a rate causes divergence, and raising it makes things worse.",
                ),
                no(
                    "訓練資料太多；應減少資料",
                    "資料量不是造成梯度消失的原因。",
                    "Too much data; use less",
                    "Data volume does not cause vanishing gradients.",
                ),
                no(
                    "模型太淺；應該再加更多層",
                    "加深網路反而可能加重梯度消失。",
                    "The model is too shallow; add layers",
                    "Going deeper can worsen vanishing gradients.",
                ),
            ],
        ),
        single(
            "1.3-transfer",
            P,
            D,
            "apply",
            "medium",
            (
                "工廠只有 800 張標註好的零件瑕疵照片，想訓練影像分類模型。最有效的作法是？",
                "A factory has only 800 labelled photos of part defects and wants an image classifier. What is most effective?",
            ),
            [
                ok(
                    "以在大型影像資料集上預訓練的模型進行遷移學習，再用這 800 張微調",
                    "預訓練模型已學到通用的影像特徵，少量資料就能微調出好結果。",
                    "Transfer learning from a model pretrained on a large image dataset, fine-tuned on the 800 photos",
                    "Pretrained models already know general visual features, so little data is needed to fine-tune.",
                ),
                no(
                    "從零開始訓練一個非常深的網路",
                    "資料太少，從零訓練深網路容易過擬合。",
                    "Train a very deep network from scratch",
                    "With so little data, a deep network from scratch overfits.",
                ),
                no(
                    "放棄深度學習，因為資料不夠",
                    "遷移學習正是解決資料不足的常用方法。",
                    "Give up on deep learning for lack of data",
                    "Transfer learning exists for exactly this case.",
                ),
                no(
                    "把 800 張照片複製成 8 萬張再訓練",
                    "單純複製不增加資訊，會加重過擬合。",
                    "Copy the 800 photos into 80,000 and train",
                    "Duplicates add no information and worsen overfitting.",
                ),
            ],
        ),
        single(
            "1.3-batchnorm",
            P,
            D,
            "understand",
            "medium",
            (
                "批次正規化（batch normalisation）在訓練深層網路時的主要作用是什麼？",
                "What does batch normalisation mainly do when training deep networks?",
            ),
            [
                ok(
                    "把每層的輸入依批次統計標準化，讓訓練更穩定、可用較大的學習率",
                    "穩定各層輸入的分布，通常加快收斂。",
                    "It standardises each layer's inputs using batch statistics, making training steadier and allowing larger learning rates",
                    "Stabilising layer input distributions usually speeds convergence.",
                ),
                no(
                    "把標籤轉成獨熱編碼",
                    "與標籤編碼無關。",
                    "One-hot encoding the labels",
                    "Unrelated to label encoding.",
                ),
                no(
                    "刪除離群的訓練樣本",
                    "它不刪除資料。",
                    "Removing outlier training samples",
                    "It removes no data.",
                ),
                no(
                    "把模型壓縮成更小的檔案",
                    "那是模型壓縮或量化。",
                    "Compressing the model file",
                    "That is compression or quantisation.",
                ),
            ],
        ),
        single(
            "1.3-early-stop",
            P,
            D,
            "apply",
            "medium",
            (
                "訓練曲線顯示：驗證損失在第 12 個 epoch 達到最低，之後持續上升，而訓練損失持續下降。最恰當的作法是？",
                "Training curves show validation loss bottoming at epoch 12 and then rising, while training loss keeps falling. What is best?",
            ),
            [
                ok(
                    "採用第 12 個 epoch 附近的模型（提早停止），並考慮加強正則化",
                    "驗證損失上升代表開始過擬合，應保留驗證表現最好的檢查點。",
                    "Keep the model from around epoch 12 (early stopping) and consider stronger regularisation",
                    "Rising validation loss signals overfitting; keep the best validation checkpoint.",
                ),
                no(
                    "繼續訓練到訓練損失為 0",
                    "會更嚴重地過擬合。",
                    "Train on until training loss reaches 0",
                    "That deepens overfitting.",
                ),
                no(
                    "改用測試集選擇停止點",
                    "用測試集調整會讓最終評估失真。",
                    "Choose the stopping point on the test set",
                    "Tuning on the test set distorts the final estimate.",
                ),
                no(
                    "提高學習率以加快訓練",
                    "問題不在速度，而在過擬合。",
                    "Raise the learning rate to train faster",
                    "Speed is not the problem; overfitting is.",
                ),
            ],
        ),
        single(
            "1.3-embedding-layer",
            P,
            D,
            "understand",
            "hard",
            (
                "推薦模型中，每位使用者以一個 32 維的「嵌入向量」表示，並在訓練中學習。這樣做相較於獨熱編碼的主要好處是？",
                "A recommender represents each user by a learned 32-dimensional embedding. What is the main advantage over one-hot encoding?",
            ),
            [
                ok(
                    "以低維稠密向量表示，能學到使用者之間的相似性，且參數與記憶體需求遠小於高維稀疏的獨熱向量",
                    "嵌入把相似的使用者放在相近的位置，並避免數百萬維的稀疏輸入。",
                    "A dense low-dimensional vector learns similarity between users and needs far fewer parameters and memory than huge sparse one-hot vectors",
                    "Embeddings place similar users close together and avoid million-dimensional sparse inputs.",
                ),
                no(
                    "嵌入向量可以直接看出使用者的姓名",
                    "嵌入是學到的數值表示，不含可讀的身分資訊。",
                    "You can read the user's name from the embedding",
                    "Embeddings are learned numbers, not readable identity data.",
                ),
                no(
                    "嵌入向量不需要任何訓練",
                    "嵌入通常需要訓練學得。",
                    "Embeddings need no training",
                    "They are usually learned.",
                ),
                no(
                    "嵌入向量保證沒有過擬合",
                    "嵌入同樣可能過擬合。",
                    "Embeddings cannot overfit",
                    "They can overfit too.",
                ),
            ],
        ),
        true_false(
            "1.3-tf-deeper",
            A,
            D,
            "understand",
            "medium",
            (
                "神經網路的層數越多，在任何資料集上的表現一定越好。",
                "The more layers a neural network has, the better it performs on any dataset.",
            ),
            False,
            (
                "層數增加會提高容量，但也可能過擬合、難以訓練並增加成本；最佳深度取決於資料與任務。",
                "More layers add capacity but can overfit, be harder to train and cost more; the best depth depends on the data and task.",
            ),
        ),
        numeric(
            "1.3-num-iterations",
            A,
            D,
            "apply",
            "medium",
            (
                "訓練資料有 12,000 筆，批次大小為 64（最後一個批次可以不足 64）。一個 epoch 需要多少次迭代（權重更新）？",
                "There are 12,000 training examples and the batch size is 64 (the last batch may be smaller). How many iterations (weight updates) make one epoch?",
            ),
            188,
            0,
            unit=("次", "iterations"),
            feedback=(
                "12,000 ÷ 64 = 187.5，最後不足的批次也要更新一次，因此為 188 次。",
                "12,000 ÷ 64 = 187.5; the final partial batch is one more update, so 188.",
            ),
        ),
        matching(
            "1.3-match-terms",
            P,
            D,
            "remember",
            "medium",
            (
                "請將每個深度學習名詞對應到它的說明。",
                "Match each deep-learning term to its description.",
            ),
            [
                (
                    ("反向傳播", "Backpropagation"),
                    (
                        "以連鎖律由輸出往回計算各層梯度",
                        "Computing each layer's gradients backwards from the output by the chain rule",
                    ),
                ),
                (
                    ("批次大小", "Batch size"),
                    (
                        "每次更新權重所使用的樣本數",
                        "The number of samples used for each weight update",
                    ),
                ),
                (
                    ("殘差連接", "Residual connection"),
                    (
                        "把輸入直接加到後面層的輸出，緩解梯度消失",
                        "Adding a layer's input to a later output, easing vanishing gradients",
                    ),
                ),
                (
                    ("softmax", "Softmax"),
                    (
                        "把多個分數轉成總和為 1 的機率",
                        "Turning several scores into probabilities that sum to 1",
                    ),
                ),
            ],
            distractors=[("主成分分析", "Principal component analysis")],
        ),
    ]


def items() -> list[ItemSpec]:
    return [
        *classify(
            "1.1-paradigm", "1.1", PARADIGMS, PARADIGM_Q, PARADIGM_SCENARIOS, cognitive="understand"
        ),
        *classify("1.1-field", "1.1", FIELDS, FIELD_Q, FIELD_SCENARIOS, cognitive="understand"),
        *_concepts(),
        *classify(
            "1.2-learning", "1.2", LEARNING, LEARNING_Q, LEARNING_SCENARIOS, cognitive="apply"
        ),
        *classify("1.2-fit", "1.2", FIT, FIT_Q, FIT_SCENARIOS, cognitive="analyse"),
        *_gd_family(),
        *_ml_hand(),
        *classify("1.3-arch", "1.3", ARCHITECTURES, ARCH_Q, ARCH_SCENARIOS, cognitive="apply"),
        *_dl_family(),
        *_dl_hand(),
    ]
