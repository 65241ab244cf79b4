"""4.3 Retrieval-augmented generation and agents: chunking, retrieval, diagnosis, agent design."""

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

D = "4.3"
A, P, E = "associate", "professional", "expert"

STRATEGIES = {
    "fixed-overlap": Category(
        "固定長度切塊並保留重疊",
        "Fixed-size chunks with overlap",
        "不依結構、以固定 token 數切塊，並讓相鄰塊重疊以免句子被切斷",
        "cutting by a fixed token count regardless of structure, overlapping neighbours so sentences are not severed",
    ),
    "structure": Category(
        "依文件結構（章節、條文）切塊並保留標題路徑",
        "Structure-aware chunks (sections, articles) keeping the heading path",
        "沿著文件本身的章節或條文切分，每塊附上所屬的標題與編號",
        "splitting along the document's own sections or articles and tagging each chunk with its headings and numbers",
    ),
    "record": Category(
        "一筆紀錄或一組問答為一塊",
        "One chunk per record or Q&A pair",
        "資料本身由獨立單元組成，每個單元完整成為一塊",
        "the data consists of self-contained units, each kept whole as one chunk",
    ),
    "hybrid": Category(
        "關鍵字（BM25）與向量的混合檢索",
        "Hybrid keyword (BM25) and vector retrieval",
        "結合精確字詞比對與語意相似度，兼顧代碼、編號與語意",
        "combining exact term matching with semantic similarity, covering codes, IDs and meaning",
    ),
    "metadata": Category(
        "以中繼資料（版本、日期、部門、權限）過濾",
        "Filtering on metadata (version, date, department, access)",
        "檢索前依文件屬性限定範圍，只在符合條件的文件中搜尋",
        "narrowing the search by document attributes so only eligible documents are searched",
    ),
    "rerank": Category(
        "先多取候選，再以重排序模型精選",
        "Retrieve more candidates, then rerank",
        "第一階段召回較多候選，再用較精準的模型重新排序取前幾名",
        "recalling many candidates first, then reordering them with a more precise model and keeping the top few",
    ),
    "parent-child": Category(
        "以小塊檢索、回傳所屬的大段落",
        "Retrieve small chunks, return their parent passage",
        "用小塊做精準比對，但送進模型的是包含完整上下文的較大段落",
        "matching on small chunks for precision while passing the larger passage around them to the model",
    ),
}
STRATEGY_Q = ("最適合採用哪一種切塊或檢索策略？", "Which chunking or retrieval strategy fits best?")
STRATEGY_SCENARIOS = [
    Scenario(
        "hr-faq",
        P,
        "easy",
        "人資知識庫由 300 組彼此獨立的「問題–答案」組成，每組約 80 字。",
        "An HR knowledge base consists of 300 independent question–answer pairs of about 80 words each.",
        "record",
        "每組問答本身就是完整單元，整組作為一塊最能保持問答對應，也不會把答案切給別的問題。",
        "Each Q&A pair is a complete unit; keeping it whole preserves the question–answer link and never splits an answer across questions.",
        ("fixed-overlap", "parent-child", "rerank"),
    ),
    Scenario(
        "regulations",
        P,
        "medium",
        "要以公司規章（分為章、條、項）回答員工問題，且回答必須註明依據的條號。",
        "Employee questions are to be answered from company regulations organised into chapters, articles and paragraphs, citing the article number.",
        "structure",
        "沿條文結構切塊並保留章、條編號，既不會把條文切斷，也能直接引用條號。",
        "Chunking along articles with their chapter and article numbers keeps each provision whole and makes citation direct.",
        ("fixed-overlap", "record", "hybrid"),
    ),
    Scenario(
        "error-codes",
        P,
        "medium",
        "技術支援知識庫的使用者常直接輸入錯誤代碼（如 E-4021）或零件編號查詢，純向量檢索常找不到正確文件。",
        "Support-knowledge-base users often type error codes (such as E-4021) or part numbers, and pure vector search often misses the right document.",
        "hybrid",
        "代碼與編號需要精確字詞比對，向量嵌入不擅長區分；加入 BM25 的混合檢索可同時處理代碼與語意。",
        "Codes and part numbers need exact term matching that embeddings handle poorly; hybrid retrieval with BM25 covers codes and meaning.",
        ("rerank", "structure", "metadata"),
    ),
    Scenario(
        "policy-versions",
        P,
        "medium",
        "公司每年發布新版差旅辦法，舊版仍保留在知識庫中。助理經常把新舊版本的規定混在一起回答。",
        "A new travel policy is issued every year and old versions stay in the knowledge base; the assistant often mixes old and new rules.",
        "metadata",
        "以版本或生效日期等中繼資料過濾，只檢索現行版本，就能避免混用。",
        "Filtering on version or effective date so only the current policy is searched stops the mix-up.",
        ("rerank", "hybrid", "structure"),
    ),
    Scenario(
        "essays",
        P,
        "easy",
        "知識庫是數百篇沒有小標題、段落長短不一的專欄文章。",
        "The knowledge base is hundreds of opinion columns without subheadings and with paragraphs of uneven length.",
        "fixed-overlap",
        "沒有可依循的結構，固定長度切塊並保留重疊是簡單有效的起點。",
        "With no structure to follow, fixed-size chunks with overlap are a simple, effective starting point.",
        ("structure", "record", "metadata"),
    ),
    Scenario(
        "rank-twelve",
        E,
        "hard",
        "評估顯示，正確段落常出現在向量檢索結果的第 10 到 20 名，但系統只把前 4 名送進模型。",
        "Evaluation shows the right passage often sits at ranks 10–20 of the vector results, but only the top 4 go to the model.",
        "rerank",
        "召回其實有找到，問題是排序不夠精準；多取候選後以重排序模型精選，能把正確段落提到前面。",
        "Recall is there; the ranking is not precise enough. Retrieving more and reranking lifts the right passage to the top.",
        ("hybrid", "parent-child", "fixed-overlap"),
    ),
    Scenario(
        "missing-exception",
        E,
        "hard",
        "以 100 字的小塊檢索時很精準，但回答常漏掉下一段才出現的例外條件；改用 1,000 字大塊後，檢索又變得不準。",
        "Retrieving on 100-word chunks is precise, but answers often miss exceptions stated in the next paragraph; switching to 1,000-word chunks makes retrieval imprecise.",
        "parent-child",
        "以小塊比對保有精準度，再回傳其所屬的大段落，讓模型看到完整的規定與例外。",
        "Matching on small chunks keeps precision, and returning the parent passage lets the model see the rule and its exceptions.",
        ("fixed-overlap", "rerank", "structure"),
    ),
    Scenario(
        "catalogue",
        E,
        "medium",
        "產品型錄有 2 萬項商品，每項有描述與規格表。固定長度切塊後，回答常把兩項商品的規格混在一起。",
        "A catalogue has 20,000 products, each with a description and a spec table. With fixed-size chunks, answers often mix up two products' specs.",
        "record",
        "每項商品是獨立單元，整項（含規格表）作為一塊並附上品號，可避免跨商品混淆。",
        "Each product is a self-contained unit; keeping it whole with its specs and ID stops cross-product mix-ups.",
        ("fixed-overlap", "hybrid", "parent-child"),
    ),
    Scenario(
        "department-access",
        E,
        "hard",
        "全公司共用一個 RAG 助理，但財務、人資與研發的文件各自只能給該部門人員查閱。",
        "One RAG assistant serves the whole company, but finance, HR and R&D documents may each be seen only by that department's staff.",
        "metadata",
        "在檢索前依使用者的權限以中繼資料過濾，確保不該看的文件根本不會被取出；不能只靠提示要求模型不要說。",
        "Filtering by the user's permissions on metadata before retrieval ensures forbidden documents are never fetched; asking the model not to tell is not enough.",
        ("rerank", "structure", "hybrid"),
    ),
    Scenario(
        "acronyms",
        E,
        "medium",
        "永續報告知識庫的查詢常夾雜英文縮寫與專有名詞，如「範疇三」、「Scope 3」、「SBTi」，語意檢索對這些詞的結果不穩定。",
        "Queries to a sustainability-report knowledge base mix in acronyms and terms such as 'Scope 3' and 'SBTi', and semantic search handles them erratically.",
        "hybrid",
        "專有名詞與縮寫適合精確字詞比對，與向量檢索結合能提高穩定性。",
        "Acronyms and proper terms suit exact matching; combining it with vectors steadies retrieval.",
        ("metadata", "record", "parent-child"),
    ),
    Scenario(
        "manual-chapters",
        E,
        "medium",
        "設備維修手冊有清楚的章節（安全注意事項、拆裝步驟、故障排除），回答需要告訴技師出自哪一章哪一節。",
        "An equipment maintenance manual has clear chapters (safety, disassembly, troubleshooting), and answers must tell technicians which chapter and section they come from.",
        "structure",
        "依章節切塊並保留標題路徑，方便引用出處，也避免把不同步驟混在同一塊。",
        "Chunking by section with its heading path makes citation easy and keeps different procedures apart.",
        ("fixed-overlap", "record", "rerank"),
    ),
]

FAILURES = {
    "retrieval-miss": Category(
        "檢索沒有找到相關段落",
        "Retrieval missed the relevant passage",
        "答案所需的內容存在於知識庫，但沒有出現在檢索結果中",
        "the content needed exists in the knowledge base but never appears in the retrieved results",
    ),
    "split": Category(
        "切塊或解析把所需資訊拆散",
        "Chunking or parsing split the needed information",
        "答案需要的資訊被切到不同塊或解析時失去對應關係，模型只看到一部分",
        "the information needed was split across chunks or lost its structure in parsing, so the model saw only part of it",
    ),
    "stale": Category(
        "索引過期（資料未同步）",
        "A stale index (data not synchronised)",
        "來源文件已更新，但檢索用的索引仍是舊內容",
        "the source documents changed but the search index still holds old content",
    ),
    "ungrounded": Category(
        "生成未忠於檢索內容",
        "Generation not grounded in the retrieved text",
        "正確的段落已送進模型，但回答加入或改變了段落中沒有的內容",
        "the right passage reached the model, but the answer adds or changes content not in it",
    ),
    "permission": Category(
        "檢索未依權限過濾",
        "Retrieval ignored access rights",
        "使用者取得了其無權查閱的文件內容",
        "a user received content from documents they may not see",
    ),
    "noise": Category(
        "送入過多不相關段落，干擾了模型",
        "Too many irrelevant passages distracted the model",
        "上下文塞入大量段落，相關內容被淹沒或位於中段而被忽略",
        "the context is stuffed with passages, so the relevant one is drowned out or ignored in the middle",
    ),
}
FAILURE_Q = ("最可能的問題出在哪裡？", "Where is the problem most likely to be?")
FAILURE_SCENARIOS = [
    Scenario(
        "wrong-number",
        P,
        "medium",
        "紀錄顯示，包含「每日住宿上限 2,500 元」的段落有被檢索並送進模型，但回答卻寫成「上限 3,000 元」。",
        "Logs show the passage stating 'a nightly lodging cap of NT$2,500' was retrieved and sent to the model, but the answer says 'NT$3,000'.",
        "ungrounded",
        "正確內容已在上下文中，回答卻與之不符，問題在生成端未忠於依據。",
        "The right content was in the context and the answer contradicts it: generation was not grounded.",
        ("retrieval-miss", "stale", "split"),
    ),
    Scenario(
        "old-index",
        P,
        "easy",
        "上個月公布的新版請假辦法已放進文件庫，但助理仍引用舊規定；檢查後發現索引兩個月前建立後就沒有更新。",
        "Last month's new leave policy is in the document store, but the assistant still quotes the old rules; the index was built two months ago and never refreshed.",
        "stale",
        "來源已更新而索引未重建，檢索到的是舊內容。",
        "The source changed but the index was not rebuilt, so retrieval returns old content.",
        ("ungrounded", "retrieval-miss", "noise"),
    ),
    Scenario(
        "overseas",
        P,
        "medium",
        "使用者問「國外出差的日支費上限」，紀錄顯示前 10 名檢索結果全是國內出差的段落，知識庫中其實有國外出差的專章。",
        "A user asks for the overseas per-diem cap; logs show the top 10 results are all about domestic travel, though the knowledge base has a chapter on overseas travel.",
        "retrieval-miss",
        "所需內容存在卻沒被檢索到，問題在檢索階段（可考慮混合檢索、查詢改寫或重排序）。",
        "The content exists but was not retrieved: a retrieval problem (consider hybrid search, query rewriting or reranking).",
        ("ungrounded", "stale", "noise"),
    ),
    Scenario(
        "except-next",
        P,
        "hard",
        "回答只說明了一般規定，漏掉緊接在後的例外情形；紀錄顯示被檢索的塊剛好在「但下列情形除外：」之前結束。",
        "The answer gives the general rule but misses the exceptions that follow; logs show the retrieved chunk ends right before 'except in the following cases:'.",
        "split",
        "規定與例外被切到不同塊，模型只看到前半段。",
        "The rule and its exceptions landed in different chunks, so the model saw only the first half.",
        ("ungrounded", "retrieval-miss", "noise"),
    ),
    Scenario(
        "discontinued",
        P,
        "medium",
        "某商品上週已停售，商品系統也已更新，但助理仍推薦它；同步文件到向量庫的排程工作從上週起一直失敗。",
        "A product was discontinued last week and the product system updated, yet the assistant still recommends it; the job syncing documents to the vector store has failed since last week.",
        "stale",
        "同步失敗使索引停留在舊資料，屬索引過期；應監控同步工作。",
        "The failed sync left the index on old data: a stale index, and the sync job needs monitoring.",
        ("ungrounded", "retrieval-miss", "split"),
    ),
    Scenario(
        "intern-salary",
        E,
        "hard",
        "一位實習生詢問福利制度，回答中卻引用了僅限人資部門查閱的薪資級距文件。",
        "An intern asks about benefits and the answer quotes a salary-band document restricted to HR.",
        "permission",
        "使用者取得無權查閱的內容，表示檢索未依使用者權限過濾；應在檢索層強制權限。",
        "The user received content they may not see: retrieval did not filter by their rights, which must be enforced at retrieval.",
        ("ungrounded", "noise", "retrieval-miss"),
    ),
    Scenario(
        "thirty-chunks",
        E,
        "hard",
        "系統把 30 段檢索結果全部送進模型時，答案常忽略排在中間的關鍵段落；只送前 5 段時反而答對。",
        "With all 30 retrieved passages sent to the model, answers often ignore a key passage in the middle; sending only the top 5 gets it right.",
        "noise",
        "過多段落稀釋了相關內容，模型也較容易忽略長上下文中段的資訊。",
        "Too many passages dilute the relevant one, and models tend to neglect information in the middle of long contexts.",
        ("retrieval-miss", "split", "ungrounded"),
    ),
    Scenario(
        "cross-lingual",
        E,
        "hard",
        "外籍員工用英文發問，但知識庫全是中文文件；使用的嵌入模型只以英文語料訓練，檢索結果幾乎都不相關。",
        "Foreign staff ask in English but the knowledge base is all Chinese; the embedding model was trained on English only, and results are almost all irrelevant.",
        "retrieval-miss",
        "單語嵌入模型無法對齊跨語言的語意，相關文件檢索不到；應改用多語嵌入或先翻譯查詢。",
        "A monolingual embedding model cannot align meaning across languages, so relevant documents are missed; use a multilingual model or translate the query.",
        ("ungrounded", "noise", "permission"),
    ),
    Scenario(
        "thirty-days",
        E,
        "medium",
        "回答引用了正確的退貨條款段落，卻補充了「通常為 30 天」，而該段落寫的是 7 天。",
        "The answer cites the right returns clause but adds 'usually 30 days', while the clause says 7 days.",
        "ungrounded",
        "依據正確卻加入了與依據不符的內容，是生成未忠於檢索內容；可用忠實度評估與引用檢查偵測。",
        "The grounding was right but the answer added something contradicting it; faithfulness checks and citation verification catch this.",
        ("retrieval-miss", "stale", "split"),
    ),
    Scenario(
        "pdf-table",
        E,
        "hard",
        "費率表在 PDF 中是表格，解析後變成一行行散落的數字，表頭與數值分到不同塊；回答常把費率對錯方案。",
        "A rate table in a PDF was parsed into scattered lines of numbers, with headers and values in different chunks; answers often match rates to the wrong plan.",
        "split",
        "解析與切塊破壞了表格的對應關係；應以表格感知的解析並把表頭與數值保留在同一塊。",
        "Parsing and chunking broke the table's structure; use table-aware parsing and keep headers with their values.",
        ("ungrounded", "retrieval-miss", "noise"),
    ),
    Scenario(
        "new-hire",
        E,
        "medium",
        "同一個問題，資深員工與新進員工得到的答案不同；新進員工得到的回答引用了尚未發布、仍在草稿資料夾中的制度。",
        "The same question gets different answers for senior and new staff; the new hire's answer cites an unpublished policy still in a drafts folder.",
        "permission",
        "草稿文件不應被一般員工檢索到，表示檢索未依文件狀態與權限過濾。",
        "Drafts should not be retrievable by ordinary staff: retrieval is not filtering by document status and access.",
        ("stale", "ungrounded", "noise"),
    ),
]


def _metrics_family() -> list[ItemSpec]:
    """Precision@k, recall@k and MRR from described retrieval results."""
    rng = random.Random("aicert-demo:4.3-metrics")
    specs: list[ItemSpec] = []
    for index in range(6):
        while True:
            k = rng.choice([5, 8, 10])
            hits = rng.randint(2, k - 2)
            total = hits + rng.randint(1, 4)
            shown = {
                f"{x:.2f}" for x in (hits / k, hits / total, (k - hits) / k, hits / (k + total))
            }
            if len(shown) == 4 and total != k:
                break
        level = P if index < 3 else E
        ask_recall = index % 2 == 1
        value = hits / total if ask_recall else hits / k
        other = hits / k if ask_recall else hits / total
        name_zh, name_en = ("召回率", "recall") if ask_recall else ("精確率", "precision")
        specs.append(
            computed(
                f"4.3-pk-{index + 1}",
                level,
                D,
                "apply",
                "medium" if level == P else "hard",
                (
                    f"評估 RAG 檢索時，某個問題在知識庫中共有 {total} 個相關段落。系統回傳前 {k} 名結果，其中 {hits} 個是相關段落。此問題的 {name_zh}@{k} 為多少？（取小數點後兩位）",
                    f"Evaluating RAG retrieval, one question has {total} relevant passages in the knowledge base. The system returns its top {k}, of which {hits} are relevant. What is {name_en}@{k} for this question? (two decimal places)",
                ),
                value,
                (
                    (
                        f"召回率@k = 前 k 名中的相關數 ÷ 全部相關數 = {hits}/{total} ≈ {value:.2f}。"
                        if ask_recall
                        else f"精確率@k = 前 k 名中的相關數 ÷ k = {hits}/{k} ≈ {value:.2f}。"
                    ),
                    (
                        f"Recall@k = relevant in the top k ÷ all relevant = {hits}/{total} ≈ {value:.2f}."
                        if ask_recall
                        else f"Precision@k = relevant in the top k ÷ k = {hits}/{k} ≈ {value:.2f}."
                    ),
                ),
                [
                    Mistake(
                        other,
                        "把精確率與召回率的分母搞混了。",
                        "Precision and recall denominators were mixed up.",
                    ),
                    Mistake(
                        (k - hits) / k,
                        "這是前 k 名中「不相關」的比例。",
                        "That is the share of irrelevant results in the top k.",
                    ),
                    Mistake(
                        hits / (k + total),
                        "分母把回傳數與相關數相加，沒有這種定義。",
                        "Adding returned and relevant counts in the denominator matches no definition.",
                    ),
                    Mistake(
                        1 - value,
                        "這是 1 減去正確答案，不是該指標本身。",
                        "That is one minus the metric, not the metric.",
                    ),
                ],
            )
        )
    for index in range(4):
        n = 5
        ranks = [rng.choice([1, 1, 2, 3, 4, 5, None]) for _ in range(n)]
        while ranks.count(None) > 1 or all(r == 1 for r in ranks if r):
            ranks = [rng.choice([1, 1, 2, 3, 4, 5, None]) for _ in range(n)]
        rr = [1 / r if r else 0 for r in ranks]
        mrr = sum(rr) / n
        found = [r for r in ranks if r]
        desc_zh = "、".join(f"第 {r} 名" if r else "前 10 名內沒有" for r in ranks)
        desc_en = ", ".join(f"rank {r}" if r else "none in the top 10" for r in ranks)
        misses = n - len(found)
        median_rr = sorted(rr)[n // 2]
        mistakes = [
            Mistake(
                1 / (sum(found) / len(found)),
                "這是「平均名次的倒數」，應先取倒數再平均。",
                "That is the reciprocal of the mean rank; take reciprocals first, then average.",
            ),
        ]
        if misses:
            mistakes += [
                Mistake(
                    sum(rr) / len(found),
                    "把沒有找到相關結果的問題排除在平均之外，會高估 MRR；沒找到應計為 0。",
                    "Questions with no relevant result were dropped from the average, which inflates MRR; a miss counts as 0.",
                ),
                Mistake(
                    (sum(rr) + misses / 10) / n,
                    "把「前 10 名內沒有」當成第 10 名計分；沒有命中應計為 0。",
                    "A miss was scored as if found at rank 10; a miss counts as 0.",
                ),
            ]
        mistakes += [
            Mistake(
                median_rr,
                "這是倒數排名的中位數，不是平均值。",
                "That is the median reciprocal rank, not the mean.",
            ),
            Mistake(
                sum(1 for r in ranks if r == 1) / n,
                "這只計算了第一名就命中的比例，忽略了其他名次的部分分數。",
                "That counts only first-place hits, ignoring partial credit for other ranks.",
            ),
        ]
        specs.append(
            computed(
                f"4.3-mrr-{index + 1}",
                E,
                D,
                "apply",
                "hard",
                (
                    f"以 5 個測試問題評估檢索系統，每題第一個相關結果出現的位置依序為：{desc_zh}。平均倒數排名（MRR）為多少？（取小數點後兩位）",
                    f"Five test questions evaluate a retriever; the first relevant result for each appears at: {desc_en}. What is the mean reciprocal rank (MRR)? (two decimal places)",
                ),
                mrr,
                (
                    "每題取 1/名次（沒有命中為 0）再平均：("
                    + " + ".join(f"{x:.2f}" for x in rr)
                    + f") ÷ 5 ≈ {mrr:.2f}。",
                    "Take 1/rank for each question (0 if none found) and average: ("
                    + " + ".join(f"{x:.2f}" for x in rr)
                    + f") ÷ 5 ≈ {mrr:.2f}.",
                ),
                mistakes,
            )
        )
    # Context cost of top-k retrieval.
    for index in range(2):
        k = rng.choice([5, 8, 10])
        size = rng.choice([400, 500, 800])
        base = rng.choice([600, 900])
        queries = rng.choice([50_000, 80_000, 120_000])
        price = rng.choice([1.0, 2.5, 3.0])
        tokens = base + k * size
        cost = queries * tokens * price / 1_000_000
        specs.append(
            computed(
                f"4.3-ctxcost-{index + 1}",
                E,
                D,
                "apply",
                "hard",
                (
                    f"RAG 系統每次請求送入系統提示與問題共 {base} 個 token，再加上前 {k} 個、每個 {size} 個 token 的檢索段落。每月 {queries:,} 次請求、輸入價格每百萬 token {price} 美元。每月「輸入」費用約多少美元？",
                    f"Each RAG request sends {base} tokens of system prompt and question plus the top {k} retrieved passages of {size} tokens each. At {queries:,} requests a month and US${price} per million input tokens, what is the monthly input cost in US dollars?",
                ),
                cost,
                (
                    f"每次 {base} + {k}×{size} = {tokens:,} token；{queries:,} × {tokens:,} × {price} ÷ 1,000,000 ≈ {cost:,.0f} 美元。",
                    f"Each request is {base} + {k}×{size} = {tokens:,} tokens; {queries:,} × {tokens:,} × {price} ÷ 1,000,000 ≈ ${cost:,.0f}.",
                ),
                [
                    Mistake(
                        queries * (base + size) * price / 1_000_000,
                        "只算了一個段落，但送入的是前 k 個。",
                        "Only one passage was counted, but the top k are sent.",
                    ),
                    Mistake(
                        queries * k * size * price / 1_000_000,
                        "漏算了系統提示與問題的 token。",
                        "The system prompt and question tokens were left out.",
                    ),
                    Mistake(
                        queries * tokens * price / 1_000,
                        "把每百萬 token 的價格當成每千 token 計算。",
                        "The per-million price was applied per thousand tokens.",
                    ),
                    Mistake(
                        queries * tokens * price / 1_000_000 / k,
                        "多除了一次 k。",
                        "An extra division by k.",
                    ),
                ],
                places=0,
                unit=(" 美元", " US dollars"),
            )
        )
    return specs


def _hand_written() -> list[ItemSpec]:
    return [
        # Associate
        single(
            "4.3-what-rag",
            A,
            D,
            "understand",
            "easy",
            (
                "「檢索增強生成」（RAG）的基本做法是什麼？",
                "What is the basic idea of retrieval-augmented generation (RAG)?",
            ),
            [
                ok(
                    "先從知識庫檢索與問題相關的資料，再把資料連同問題交給語言模型產生回答",
                    "RAG 讓模型依據檢索到的資料回答，而不是只靠訓練時學到的知識。",
                    "Retrieve material relevant to the question from a knowledge base, then give it to the language model with the question to generate the answer",
                    "RAG makes the model answer from retrieved material rather than only from what it learned in training.",
                ),
                no(
                    "用公司資料重新訓練整個模型",
                    "重新訓練是另一種作法（微調），不是 RAG。",
                    "Retrain the whole model on company data",
                    "Retraining (fine-tuning) is a different approach.",
                ),
                no(
                    "讓模型回答得更長以增加資訊量",
                    "與檢索無關。",
                    "Make the model's answers longer to add information",
                    "Nothing to do with retrieval.",
                ),
                no(
                    "把使用者的問題翻譯成英文再回答",
                    "翻譯不是 RAG 的核心。",
                    "Translate the question into English before answering",
                    "Translation is not what RAG is about.",
                ),
            ],
        ),
        single(
            "4.3-rag-vs-retrain",
            A,
            D,
            "apply",
            "easy",
            (
                "公司的產品價格與規格每週更新，希望客服助理總是根據最新資料回答。相較於重新訓練模型，RAG 的主要優點是？",
                "Product prices and specs change weekly, and the support assistant must always answer from the latest data. What is RAG's main advantage over retraining the model?",
            ),
            [
                ok(
                    "只要更新知識庫與索引，就能立即反映新資料，並可附上出處",
                    "資料更新不需重新訓練，成本低、速度快，也便於查證。",
                    "Updating the knowledge base and index reflects new data at once, and answers can cite sources",
                    "No retraining is needed for updates: cheap, fast and checkable.",
                ),
                no(
                    "RAG 保證回答永遠不會出錯",
                    "RAG 降低但不能消除錯誤。",
                    "RAG guarantees answers are never wrong",
                    "RAG reduces errors but cannot eliminate them.",
                ),
                no(
                    "RAG 不需要任何資料",
                    "RAG 正是依賴知識庫的資料。",
                    "RAG needs no data at all",
                    "RAG depends on the knowledge base.",
                ),
                no(
                    "RAG 會讓模型的參數變多",
                    "RAG 不改變模型參數。",
                    "RAG gives the model more parameters",
                    "RAG does not change the model's parameters.",
                ),
            ],
        ),
        single(
            "4.3-vector-db",
            A,
            D,
            "remember",
            "easy",
            (
                "在 RAG 系統中，向量資料庫主要負責什麼？",
                "What does the vector database mainly do in a RAG system?",
            ),
            [
                ok(
                    "儲存文件段落的嵌入向量，並依語意相似度快速找出與問題最接近的段落",
                    "向量資料庫支援相似度搜尋，是語意檢索的核心元件。",
                    "Store the embedding vectors of document passages and quickly find those semantically closest to the question",
                    "It supports similarity search, the core of semantic retrieval.",
                ),
                no(
                    "產生最後的回答文字",
                    "產生回答的是語言模型。",
                    "Write the final answer",
                    "The language model writes the answer.",
                ),
                no(
                    "管理使用者的登入密碼",
                    "與向量檢索無關。",
                    "Manage users' login passwords",
                    "Unrelated to vector search.",
                ),
                no(
                    "把 PDF 轉成圖片",
                    "文件解析是前處理，不是向量資料庫的功能。",
                    "Convert PDFs into images",
                    "Parsing is preprocessing, not the vector store's job.",
                ),
            ],
        ),
        single(
            "4.3-why-chunk",
            A,
            D,
            "understand",
            "medium",
            (
                "建立 RAG 知識庫時，為什麼要把長文件切成較小的段落（chunk）？",
                "Why are long documents split into smaller chunks when building a RAG knowledge base?",
            ),
            [
                ok(
                    "讓檢索能找到與問題最相關的片段，並在上下文長度限制內只送入需要的內容",
                    "切塊讓檢索更精準，也節省上下文空間與成本。",
                    "So retrieval can find the most relevant pieces, and only what is needed is sent within the context limit",
                    "Chunking sharpens retrieval and saves context space and cost.",
                ),
                no(
                    "為了讓文件看起來比較整齊",
                    "切塊的目的不是排版。",
                    "To make documents look tidier",
                    "Chunking is not about layout.",
                ),
                no(
                    "因為向量資料庫只能存中文",
                    "與語言無關。",
                    "Because vector databases only store Chinese",
                    "Unrelated to language.",
                ),
                no(
                    "為了刪除文件中不重要的部分",
                    "切塊不刪除內容，只是分段。",
                    "To delete unimportant parts of documents",
                    "Chunking splits; it deletes nothing.",
                ),
            ],
        ),
        single(
            "4.3-agent",
            A,
            D,
            "understand",
            "medium",
            (
                "「AI 代理」（AI agent）與一般的聊天機器人最主要的差別是什麼？",
                "What mainly distinguishes an AI agent from an ordinary chatbot?",
            ),
            [
                ok(
                    "代理能規劃步驟並呼叫工具（如搜尋、查詢系統、寄信）來完成任務，並依結果決定下一步",
                    "代理會採取行動並根據觀察調整，而不只是回覆文字。",
                    "An agent plans steps and calls tools (search, system queries, email) to complete a task, deciding the next step from the results",
                    "An agent acts and adapts to what it observes, rather than just replying.",
                ),
                no(
                    "代理的回答一定比較正確",
                    "能採取行動不代表更正確，反而需要更多控管。",
                    "An agent's answers are always more accurate",
                    "Being able to act does not make it more accurate; it needs more control.",
                ),
                no(
                    "代理只能使用英文",
                    "與語言無關。",
                    "An agent works only in English",
                    "Unrelated to language.",
                ),
                no(
                    "代理不需要語言模型",
                    "多數 AI 代理以語言模型作為規劃與決策核心。",
                    "An agent needs no language model",
                    "Most AI agents use a language model to plan and decide.",
                ),
            ],
        ),
        single(
            "4.3-tool-calling",
            A,
            D,
            "understand",
            "medium",
            (
                "語言模型的「函式呼叫／工具呼叫」（function/tool calling）是指什麼？",
                "What is function or tool calling for a language model?",
            ),
            [
                ok(
                    "模型依需要產生結構化的呼叫請求（工具名稱與參數），由應用程式實際執行後把結果回傳給模型",
                    "模型本身不執行程式，而是提出呼叫，由程式執行並回傳。",
                    "The model emits a structured request (tool name and arguments), the application actually runs it and returns the result to the model",
                    "The model does not execute anything itself; it proposes a call that the program runs.",
                ),
                no(
                    "模型直接在自己的參數中執行任何程式",
                    "模型不會自行執行程式，執行由外部程式控制。",
                    "The model runs any program inside its own parameters",
                    "The model runs nothing itself; execution is controlled outside it.",
                ),
                no(
                    "使用者打電話給模型供應商",
                    "與電話無關。",
                    "The user phones the model vendor",
                    "Nothing to do with phones.",
                ),
                no(
                    "模型自動更新到最新版本",
                    "與版本更新無關。",
                    "The model updates itself to the latest version",
                    "Unrelated to versions.",
                ),
            ],
        ),
        single(
            "4.3-citations",
            A,
            D,
            "understand",
            "easy",
            (
                "RAG 助理在回答時附上所引用的文件段落，主要好處是什麼？",
                "What is the main benefit of a RAG assistant showing the passages it used?",
            ),
            [
                ok(
                    "使用者能查證答案的依據，發現錯誤時也容易追查",
                    "引用讓答案可被驗證，提升信任與可稽核性。",
                    "Users can check the basis of the answer, and errors are easy to trace",
                    "Citations make answers verifiable, raising trust and auditability.",
                ),
                no(
                    "讓回答看起來比較長",
                    "長度不是目的。",
                    "It makes answers look longer",
                    "Length is not the point.",
                ),
                no(
                    "保證答案一定正確",
                    "引用不保證正確，但讓查證成為可能。",
                    "It guarantees the answer is right",
                    "Citations do not guarantee correctness; they make checking possible.",
                ),
                no(
                    "減少知識庫的儲存空間",
                    "與儲存空間無關。",
                    "It shrinks the knowledge base",
                    "Unrelated to storage.",
                ),
            ],
        ),
        single(
            "4.3-agent-purchase",
            A,
            D,
            "apply",
            "medium",
            (
                "公司想讓 AI 代理協助同仁訂購辦公用品。下列哪一種設計最恰當？",
                "A company wants an AI agent to help staff order office supplies. Which design is most appropriate?",
            ),
            [
                ok(
                    "代理可以查詢品項並建立訂單草稿，但送出訂單前須由同仁確認，並設定金額上限",
                    "人員確認與金額上限能防止代理誤解或被誘導時造成損失。",
                    "The agent may look up items and draft the order, but a person confirms before it is placed, with a spending cap",
                    "Confirmation and a cap stop losses if the agent misreads or is manipulated.",
                ),
                no(
                    "讓代理自行決定購買任何東西，不需確認",
                    "缺乏控管，錯誤或濫用可能造成損失。",
                    "Let the agent buy anything with no confirmation",
                    "No control: errors or abuse cost money.",
                ),
                no(
                    "把公司信用卡號碼寫在提示中",
                    "機密不應放在提示中。",
                    "Put the company credit-card number in the prompt",
                    "Secrets never belong in prompts.",
                ),
                no(
                    "完全不使用代理，改由模型口頭建議",
                    "放棄了可控的效益；適當控管下代理可安全使用。",
                    "Use no agent; have the model just make suggestions",
                    "It forgoes benefits that can be had safely with controls.",
                ),
            ],
        ),
        true_false(
            "4.3-tf-no-hallucination",
            A,
            D,
            "understand",
            "easy",
            (
                "只要採用 RAG，語言模型就不會再產生任何錯誤或捏造的內容。",
                "Once RAG is used, the language model never produces errors or invented content.",
            ),
            False,
            (
                "RAG 降低幻覺，但檢索可能找錯資料，模型也可能不忠於檢索內容；仍需評估與人員查核。",
                "RAG reduces hallucination, but retrieval can fetch the wrong material and the model can stray from it; evaluation and human checks are still needed.",
            ),
        ),
        ordering(
            "4.3-order-pipeline",
            A,
            D,
            "understand",
            "medium",
            (
                "請排列建立並使用 RAG 系統的順序。",
                "Order the steps of building and using a RAG system.",
            ),
            [
                ("蒐集並解析文件", "Collect and parse the documents"),
                ("把文件切成段落", "Split the documents into chunks"),
                ("為段落產生嵌入向量並建立索引", "Embed the chunks and build the index"),
                ("依使用者問題檢索相關段落", "Retrieve relevant chunks for the user's question"),
                (
                    "把段落與問題交給模型生成回答",
                    "Give the chunks and question to the model to generate the answer",
                ),
            ],
        ),
        matching(
            "4.3-match-components",
            A,
            D,
            "remember",
            "easy",
            ("請將 RAG 系統的元件對應到它的功能。", "Match each RAG component to its function."),
            [
                (("嵌入模型", "Embedding model"), ("把文字轉成向量", "Turns text into vectors")),
                (
                    ("向量資料庫", "Vector database"),
                    ("儲存向量並做相似度搜尋", "Stores vectors and runs similarity search"),
                ),
                (
                    ("語言模型", "Language model"),
                    ("依檢索內容生成回答", "Generates the answer from the retrieved content"),
                ),
                (
                    ("文件解析器", "Document parser"),
                    ("從 PDF 等檔案擷取文字", "Extracts text from files such as PDFs"),
                ),
            ],
            distractors=[("負載平衡器", "Load balancer")],
        ),
        short_text(
            "4.3-st-rag",
            A,
            D,
            "remember",
            "easy",
            (
                "「先檢索相關資料，再交給語言模型生成回答」的架構，英文縮寫是什麼？",
                "What is the English abbreviation for the architecture that retrieves relevant material and then has a language model generate the answer?",
            ),
            ["RAG"],
            ["RAG"],
            patterns=[r"(?i)^\s*rag\s*$"],
        ),
        multi(
            "4.3-mr-kb-quality",
            A,
            D,
            "understand",
            "medium",
            (
                "下列哪些作法能提升 RAG 知識庫的回答品質？（選出所有正確者）",
                "Which practices improve the answer quality of a RAG knowledge base? (Select all that apply.)",
            ),
            [
                ok(
                    "移除過期或重複的文件",
                    "過期與重複內容會造成矛盾的回答。",
                    "Remove outdated or duplicate documents",
                    "Stale and duplicate content causes contradictory answers.",
                ),
                ok(
                    "為文件標註版本、日期與適用單位",
                    "中繼資料可用於過濾與引用。",
                    "Tag documents with version, date and the units they apply to",
                    "Metadata enables filtering and citation.",
                ),
                ok(
                    "建立一組有標準答案的測試問題定期評估",
                    "有評估集才能知道修改是否有效。",
                    "Keep a set of test questions with reference answers and evaluate regularly",
                    "An evaluation set shows whether changes help.",
                ),
                no(
                    "把所有能找到的網路文章都放進知識庫",
                    "來源不可靠的內容會降低品質。",
                    "Put every web article you can find into the knowledge base",
                    "Unreliable sources lower quality.",
                ),
                no(
                    "永遠不更新索引以保持穩定",
                    "不更新會讓答案過期。",
                    "Never refresh the index, for stability",
                    "Stale indexes give outdated answers.",
                ),
            ],
        ),
        # Professional
        single(
            "4.3-reranker",
            P,
            D,
            "understand",
            "medium",
            (
                "在 RAG 中加入「重排序模型」（reranker）的主要目的是什麼？",
                "What is the main purpose of adding a reranker to RAG?",
            ),
            [
                ok(
                    "對初步檢索的候選段落逐一與問題比對、重新排序，把最相關的段落排到前面",
                    "重排序模型較精準但較慢，適合在少量候選上精選。",
                    "To compare each candidate from the first retrieval with the question and reorder them, putting the most relevant first",
                    "Rerankers are more precise but slower, suited to refining a small candidate set.",
                ),
                no(
                    "把文件翻譯成多種語言",
                    "與排序無關。",
                    "Translate documents into several languages",
                    "Unrelated to ranking.",
                ),
                no(
                    "減少知識庫中的文件數量",
                    "重排序不刪除文件。",
                    "Reduce the number of documents in the knowledge base",
                    "Reranking deletes nothing.",
                ),
                no(
                    "取代嵌入模型，不再需要向量檢索",
                    "重排序通常接在初步檢索之後，而非取代它。",
                    "Replace the embedding model so no vector search is needed",
                    "Reranking usually follows a first retrieval; it does not replace it.",
                ),
            ],
        ),
        single(
            "4.3-embed-zh",
            P,
            D,
            "evaluate",
            "medium",
            (
                "知識庫以繁體中文為主，並夾雜台灣用語與中英混合的專有名詞。選擇嵌入模型時，最可靠的判斷依據是什麼？",
                "A knowledge base is mostly Traditional Chinese with Taiwanese terms and mixed Chinese–English jargon. What is the most reliable basis for choosing an embedding model?",
            ),
            [
                ok(
                    "以自家文件與真實問題建立小型評估集，比較候選模型的檢索指標（如 recall@k）",
                    "公開排行榜未必反映你的語言與領域，用自己的資料評估最可靠。",
                    "Build a small evaluation set from your own documents and real questions and compare candidates on retrieval metrics (e.g. recall@k)",
                    "Public leaderboards may not reflect your language and domain; your own data is the most reliable test.",
                ),
                no(
                    "選向量維度最高的模型",
                    "維度高不代表在你的資料上表現好，還會增加成本。",
                    "Pick the model with the most dimensions",
                    "More dimensions do not mean better results on your data, and cost more.",
                ),
                no(
                    "選英文排行榜第一名的模型",
                    "英文表現好不代表繁體中文表現好。",
                    "Pick the top model on an English leaderboard",
                    "Strong English results do not imply strong Traditional Chinese.",
                ),
                no(
                    "選最便宜的模型即可，嵌入模型差異不大",
                    "嵌入模型對檢索品質影響很大。",
                    "Pick the cheapest; embedding models hardly differ",
                    "Embedding models strongly affect retrieval quality.",
                ),
            ],
        ),
        single(
            "4.3-chunk-size",
            P,
            D,
            "analyse",
            "medium",
            (
                "把切塊大小從 300 個 token 調大到 1,500 個 token，通常會帶來什麼影響？",
                "Raising the chunk size from 300 to 1,500 tokens usually has what effect?",
            ),
            [
                ok(
                    "每塊包含更完整的上下文，但向量較難精準代表單一主題，檢索精準度可能下降，且每次送入的 token 增加",
                    "切塊大小是取捨：大塊保留上下文、小塊檢索精準。",
                    "Each chunk carries more context, but its vector represents a single topic less precisely, retrieval precision may fall, and more tokens are sent per request",
                    "Chunk size is a trade-off: big chunks keep context, small ones retrieve precisely.",
                ),
                no(
                    "檢索一定更精準，成本也更低",
                    "大塊通常增加成本，精準度也可能下降。",
                    "Retrieval always gets more precise and cheaper",
                    "Bigger chunks usually cost more and may be less precise.",
                ),
                no(
                    "完全不會有任何影響",
                    "切塊大小明顯影響檢索與成本。",
                    "No effect at all",
                    "Chunk size clearly affects retrieval and cost.",
                ),
                no(
                    "模型的上下文視窗會自動變大",
                    "上下文視窗由模型決定，與切塊無關。",
                    "The model's context window grows automatically",
                    "The window is fixed by the model.",
                ),
            ],
        ),
        single(
            "4.3-eval-faithfulness",
            P,
            D,
            "understand",
            "hard",
            (
                "評估 RAG 回答時，「忠實度」（faithfulness / groundedness）衡量的是什麼？",
                "In evaluating RAG answers, what does faithfulness (groundedness) measure?",
            ),
            [
                ok(
                    "回答中的陳述是否都能在檢索到的內容中找到依據",
                    "忠實度檢查生成端是否只依據提供的內容。",
                    "Whether every statement in the answer is supported by the retrieved content",
                    "Faithfulness checks that generation sticks to the supplied content.",
                ),
                no(
                    "檢索結果是否涵蓋所有相關文件",
                    "這是檢索端的召回率。",
                    "Whether retrieval covered all relevant documents",
                    "That is retrieval recall.",
                ),
                no(
                    "回答是否與問題相關",
                    "這是答案相關性。",
                    "Whether the answer is relevant to the question",
                    "That is answer relevance.",
                ),
                no(
                    "回答的速度",
                    "速度是效能指標。",
                    "How fast the answer comes",
                    "Speed is a performance metric.",
                ),
            ],
        ),
        single(
            "4.3-eval-set",
            P,
            D,
            "apply",
            "medium",
            (
                "要為客服 RAG 系統建立評估資料集，下列哪一種作法最好？",
                "Building an evaluation set for a support RAG system, which approach is best?",
            ),
            [
                ok(
                    "從真實客服紀錄中抽樣具代表性的問題（含困難與無答案的題目），由專家標註標準答案與依據段落",
                    "真實、具代表性且有標準答案與依據，才能同時評估檢索與生成。",
                    "Sample representative real questions from support logs (including hard and unanswerable ones), with experts marking reference answers and supporting passages",
                    "Real, representative questions with references and evidence let you evaluate both retrieval and generation.",
                ),
                no(
                    "只用工程師自己想到的 5 個簡單問題",
                    "數量太少且不具代表性。",
                    "Five easy questions the engineers thought up",
                    "Too few and unrepresentative.",
                ),
                no(
                    "請模型自己出題並自己評分，不需人工檢查",
                    "全自動且無人查核，容易高估品質。",
                    "Have the model write and grade its own questions with no human checks",
                    "Fully automatic and unchecked, it overstates quality.",
                ),
                no(
                    "只收集使用者按讚的對話",
                    "只看好評會忽略失敗案例。",
                    "Only conversations users liked",
                    "Only good ratings hide the failures.",
                ),
            ],
        ),
        single(
            "4.3-react",
            P,
            D,
            "understand",
            "medium",
            (
                "AI 代理常用的 ReAct 模式，其運作方式最接近下列哪一項？",
                "Which description is closest to how the ReAct pattern for AI agents works?",
            ),
            [
                ok(
                    "反覆進行「推理要做什麼 → 執行工具動作 → 觀察結果」，直到完成任務",
                    "ReAct 交錯推理與行動，依觀察結果決定下一步。",
                    "Repeating 'reason about what to do → take a tool action → observe the result' until the task is done",
                    "ReAct interleaves reasoning and acting, choosing the next step from what it observes.",
                ),
                no(
                    "一次產生完整答案，不使用任何工具",
                    "這是一般的單次生成。",
                    "Producing the full answer at once without tools",
                    "That is ordinary single-shot generation.",
                ),
                no(
                    "由人類逐步下指令，模型只負責打字",
                    "代理應能自行規劃步驟。",
                    "A human gives each instruction and the model just types",
                    "An agent plans its own steps.",
                ),
                no(
                    "先訓練一個新模型再回答問題",
                    "ReAct 是推論時的運作模式，不涉及重新訓練。",
                    "Training a new model before answering",
                    "ReAct is a run-time pattern, not training.",
                ),
            ],
        ),
        single(
            "4.3-max-steps",
            P,
            D,
            "apply",
            "medium",
            (
                "測試發現 AI 代理有時會陷入重複呼叫同一個工具的迴圈，耗費大量費用。最直接的防護是？",
                "Testing shows an AI agent sometimes loops, calling the same tool again and again at great cost. What is the most direct safeguard?",
            ),
            [
                ok(
                    "設定最大步數與預算上限，超過時停止並交由人員處理，同時記錄迴圈以便改善",
                    "上限能防止失控的成本，紀錄可用於修正提示或工具設計。",
                    "Set a maximum number of steps and a budget cap, stop and hand over to a person when exceeded, and log the loop for fixing",
                    "Caps stop runaway cost, and the logs help fix prompts or tools.",
                ),
                no(
                    "換一個更貴的模型",
                    "不一定解決迴圈，且成本更高。",
                    "Switch to a more expensive model",
                    "It may not stop the loop and costs more.",
                ),
                no(
                    "在提示中寫「不要重複」",
                    "提示無法可靠防止迴圈。",
                    "Write 'don't repeat yourself' in the prompt",
                    "A prompt cannot reliably prevent loops.",
                ),
                no(
                    "關閉所有紀錄以節省儲存成本",
                    "沒有紀錄就無法分析問題。",
                    "Turn off all logging to save storage",
                    "Without logs the problem cannot be analysed.",
                ),
            ],
        ),
        single(
            "4.3-mcp",
            P,
            D,
            "understand",
            "hard",
            (
                "「模型上下文協定」（Model Context Protocol, MCP）主要解決 AI 應用的什麼問題？",
                "What problem does the Model Context Protocol (MCP) mainly address for AI applications?",
            ),
            [
                ok(
                    "以標準化的方式讓 AI 應用連接外部工具與資料來源，不必為每一種組合各寫一套整合",
                    "MCP 定義工具與資料的通用介面，讓一次實作可被多個 AI 應用使用。",
                    "A standard way for AI applications to connect to external tools and data sources, without a custom integration for every pair",
                    "MCP defines a common interface so one tool server can serve many AI applications.",
                ),
                no(
                    "壓縮模型以便在手機上執行",
                    "與模型壓縮無關。",
                    "Compressing models to run on phones",
                    "Unrelated to compression.",
                ),
                no(
                    "自動為文件產生摘要",
                    "MCP 是連接協定，不是摘要功能。",
                    "Summarising documents automatically",
                    "MCP is a connection protocol, not a summariser.",
                ),
                no(
                    "保證工具呼叫一定安全",
                    "標準化連接不等於安全；仍需權限與驗證控管。",
                    "Guaranteeing tool calls are safe",
                    "A standard connection is not security; access control is still needed.",
                ),
            ],
        ),
        true_false(
            "4.3-tf-top-k",
            P,
            D,
            "analyse",
            "medium",
            (
                "在 RAG 中，送進模型的檢索段落越多（top-k 越大），回答品質就一定越好。",
                "In RAG, the more retrieved passages sent to the model (the larger top-k), the better the answer is guaranteed to be.",
            ),
            False,
            (
                "更多段落提高召回率，但也帶入雜訊、增加成本與延遲，模型也可能忽略中段內容；應以評估找出合適的 k。",
                "More passages raise recall but add noise, cost and latency, and models may neglect the middle; find a suitable k by evaluation.",
            ),
        ),
        multi(
            "4.3-mr-eval-metrics",
            P,
            D,
            "understand",
            "medium",
            (
                "評估 RAG 系統時，下列哪些指標分別對應檢索或生成的品質？（選出所有正確者）",
                "Which of these metrics assess retrieval or generation quality in a RAG system? (Select all that apply.)",
            ),
            [
                ok(
                    "檢索的 recall@k",
                    "衡量相關段落是否被找回。",
                    "Retrieval recall@k",
                    "Whether relevant passages are found.",
                ),
                ok(
                    "回答的忠實度",
                    "衡量回答是否忠於檢索內容。",
                    "Answer faithfulness",
                    "Whether the answer sticks to the retrieved content.",
                ),
                ok(
                    "回答與問題的相關性",
                    "衡量回答是否真正回應問題。",
                    "Answer relevance to the question",
                    "Whether the answer actually addresses the question.",
                ),
                ok(
                    "平均倒數排名（MRR）",
                    "衡量第一個相關段落排得多前面。",
                    "Mean reciprocal rank (MRR)",
                    "How high the first relevant passage ranks.",
                ),
                no(
                    "嵌入向量的維度",
                    "維度是模型規格，不是品質指標。",
                    "The embedding dimension",
                    "A model spec, not a quality metric.",
                ),
            ],
        ),
        matching(
            "4.3-match-fixes",
            P,
            D,
            "apply",
            "medium",
            (
                "請將每個 RAG 問題對應到最合適的改善方式。",
                "Match each RAG problem to the most suitable fix.",
            ),
            [
                (
                    (
                        "使用者輸入產品代碼時找不到文件",
                        "Documents are not found when users type product codes",
                    ),
                    ("加入關鍵字的混合檢索", "Add keyword search (hybrid retrieval)"),
                ),
                (
                    ("回答混用新舊版本規定", "Answers mix old and new versions of rules"),
                    ("以版本或生效日期過濾", "Filter on version or effective date"),
                ),
                (
                    (
                        "規定與例外被切到不同段落",
                        "Rules and their exceptions end up in different chunks",
                    ),
                    (
                        "依條文結構切塊或回傳上層段落",
                        "Chunk by structure or return the parent passage",
                    ),
                ),
                (
                    ("正確段落常排在第 15 名", "The right passage often ranks 15th"),
                    ("多取候選後重排序", "Retrieve more and rerank"),
                ),
            ],
            distractors=[("提高生成的溫度", "Raise the generation temperature")],
        ),
        numeric(
            "4.3-num-chunks",
            P,
            D,
            "apply",
            "hard",
            (
                "一份 10,000 個 token 的文件以每塊 500 個 token、相鄰塊重疊 100 個 token 的方式切塊（最後一塊可以不足 500）。共會產生幾個塊？",
                "A 10,000-token document is chunked into 500-token chunks with 100 tokens of overlap between neighbours (the last chunk may be shorter). How many chunks result?",
            ),
            25,
            0,
            unit=("個", "chunks"),
            feedback=(
                "每塊前進 500 − 100 = 400 個 token；第一塊涵蓋 0–500，之後每塊多涵蓋 400，(10,000 − 100) ÷ 400 = 24.75，無條件進位為 25 塊。",
                "Each chunk advances 500 − 100 = 400 tokens; (10,000 − 100) ÷ 400 = 24.75, rounded up to 25 chunks.",
            ),
        ),
        # Expert
        single(
            "4.3-multitenant",
            E,
            D,
            "evaluate",
            "hard",
            (
                "一家 SaaS 公司要為數百家企業客戶提供 RAG 助理，各客戶的文件絕不能互相洩漏。下列哪一種架構最恰當？",
                "A SaaS company will offer a RAG assistant to hundreds of business customers whose documents must never leak to one another. Which architecture is most appropriate?",
            ),
            [
                ok(
                    "每筆向量都帶租戶識別，由後端依驗證後的身分強制過濾（或分開索引），並以自動化測試驗證跨租戶隔離",
                    "隔離必須在檢索層由系統強制，不能依賴模型；並以測試持續驗證。",
                    "Tag every vector with its tenant, enforce filtering by the authenticated identity in the back end (or separate indexes), and verify isolation with automated tests",
                    "Isolation must be enforced by the system at retrieval, not left to the model, and tested continuously.",
                ),
                no(
                    "共用一個索引，在系統提示中要求模型「只回答該客戶的資料」",
                    "模型無法可靠執行存取控制，提示可被繞過。",
                    "One shared index, with the system prompt telling the model to 'answer only from this customer's data'",
                    "A model cannot enforce access control; prompts can be bypassed.",
                ),
                no(
                    "讓前端傳入租戶代碼作為過濾條件",
                    "前端參數可被竄改，必須以後端驗證的身分為準。",
                    "Let the front end pass the tenant code as the filter",
                    "Front-end parameters can be tampered with; use the identity verified in the back end.",
                ),
                no(
                    "把所有客戶的文件合併訓練一個共用模型",
                    "訓練進模型的內容可能被其他客戶套出。",
                    "Train one shared model on all customers' documents",
                    "Content trained into a model can be extracted by other customers.",
                ),
            ],
        ),
        single(
            "4.3-graphrag",
            E,
            D,
            "evaluate",
            "hard",
            (
                "使用者常問「哪些供應商同時供貨給 A 廠與 B 廠，且其母公司位於海外？」這類需要串連多個實體關係的問題，一般向量檢索效果不佳。較合適的做法是？",
                "Users often ask questions like 'which suppliers serve both plant A and plant B and have an overseas parent?', chaining several entity relations, and plain vector search does poorly. What fits better?",
            ),
            [
                ok(
                    "建立實體與關係的知識圖譜（或結構化資料庫），以圖查詢或 SQL 取得關係結果，再交由模型整理回答",
                    "多跳關係問題本質上是結構化查詢，圖譜或資料庫能精確回答，模型負責理解問題與呈現。",
                    "Build a knowledge graph (or structured database) of entities and relations, answer the relations with graph queries or SQL, and let the model present the result",
                    "Multi-hop relation questions are structured queries at heart; a graph or database answers them exactly while the model interprets and presents.",
                ),
                no(
                    "把 top-k 從 5 提高到 100",
                    "更多段落不會讓模型可靠地串連關係，反而增加雜訊。",
                    "Raise top-k from 5 to 100",
                    "More passages do not make the model chain relations reliably and add noise.",
                ),
                no(
                    "把切塊大小調到 50 個 token",
                    "更小的塊更難保有關係資訊。",
                    "Cut chunk size to 50 tokens",
                    "Smaller chunks keep even less relational information.",
                ),
                no(
                    "提高生成溫度以增加推理能力",
                    "溫度不會提高推理或檢索能力。",
                    "Raise the temperature to boost reasoning",
                    "Temperature does not improve reasoning or retrieval.",
                ),
            ],
        ),
        single(
            "4.3-semantic-cache",
            E,
            D,
            "analyse",
            "hard",
            (
                "為了降低成本，團隊打算對 RAG 助理加上「語意快取」：問題語意相近時直接回傳先前的答案。最需要注意的風險是？",
                "To cut cost, a team plans a semantic cache for its RAG assistant: for semantically similar questions, return the earlier answer. What is the biggest risk?",
            ),
            [
                ok(
                    "相似但關鍵條件不同的問題（如不同年度、不同使用者權限）可能拿到錯誤或越權的答案；快取需納入權限與版本並設定失效",
                    "語意相近不等於答案相同；快取鍵必須包含權限、版本等條件並隨資料更新失效。",
                    "Similar questions that differ in a key condition (a different year, different access rights) may get a wrong or unauthorised answer; the cache must include access and version and expire",
                    "Similar wording is not the same answer; cache keys must include access rights and versions, and entries must expire with the data.",
                ),
                no(
                    "快取會讓回答速度變慢",
                    "快取通常讓速度變快。",
                    "The cache will make answers slower",
                    "Caches usually make answers faster.",
                ),
                no(
                    "快取會增加模型的參數量",
                    "與模型參數無關。",
                    "The cache adds parameters to the model",
                    "Unrelated to model parameters.",
                ),
                no(
                    "快取無法儲存中文",
                    "與語言無關。",
                    "The cache cannot store Chinese",
                    "Unrelated to language.",
                ),
            ],
        ),
        single(
            "4.3-idempotent-tools",
            E,
            D,
            "apply",
            "hard",
            (
                "AI 代理呼叫「建立退款」的 API 時，因網路逾時而重試，結果顧客被退款兩次。最根本的工程解法是？",
                "An AI agent calls a 'create refund' API, times out and retries, and the customer is refunded twice. What is the fundamental engineering fix?",
            ),
            [
                ok(
                    "為有副作用的工具呼叫加上冪等鍵（idempotency key），讓同一請求重試時只生效一次",
                    "冪等設計讓重試安全，這是分散式系統處理重試的標準作法。",
                    "Give side-effecting tool calls an idempotency key so a retried request takes effect only once",
                    "Idempotency makes retries safe, the standard way distributed systems handle them.",
                ),
                no(
                    "在提示中要求模型「不要重試」",
                    "重試可能來自程式或網路層，提示無法控制。",
                    "Tell the model in the prompt not to retry",
                    "Retries may come from code or the network, beyond the prompt's reach.",
                ),
                no(
                    "關閉所有逾時設定",
                    "無限等待會讓系統卡住。",
                    "Remove all timeouts",
                    "Waiting forever hangs the system.",
                ),
                no(
                    "改用溫度 0",
                    "溫度與重試造成的重複執行無關。",
                    "Set temperature to 0",
                    "Temperature has nothing to do with duplicate execution on retry.",
                ),
            ],
        ),
        single(
            "4.3-single-vs-multi",
            E,
            D,
            "evaluate",
            "hard",
            (
                "團隊想把一個「查詢訂單並回答客戶」的代理，改成由規劃、查詢、撰寫、審查四個代理組成的多代理系統。最恰當的評估是？",
                "A team wants to turn a 'look up the order and answer the customer' agent into a multi-agent system of planner, retriever, writer and reviewer agents. What is the most appropriate assessment?",
            ),
            [
                ok(
                    "先以評估集比較單一代理或固定流程的表現；只有在任務確實需要分工且效益大於增加的延遲、成本與除錯複雜度時才採用多代理",
                    "多代理增加複雜度與成本；簡單任務以固定流程或單一代理往往更可靠。",
                    "First compare a single agent or fixed workflow on an evaluation set; adopt multi-agent only if the task truly needs division of labour and the gain outweighs the added latency, cost and debugging complexity",
                    "Multi-agent designs add complexity and cost; simple tasks are often more reliable as a fixed workflow or single agent.",
                ),
                no(
                    "多代理一定比單一代理更準確，應立即改用",
                    "沒有證據支持「一定更準確」，且成本與延遲增加。",
                    "Multi-agent is always more accurate; switch now",
                    "There is no such guarantee, and cost and latency rise.",
                ),
                no(
                    "代理越多越好，應再增加到十個",
                    "增加代理數量不保證效益。",
                    "The more agents the better; go to ten",
                    "More agents guarantee nothing.",
                ),
                no(
                    "多代理系統不需要任何評估",
                    "任何架構變更都應以評估驗證。",
                    "Multi-agent systems need no evaluation",
                    "Any architecture change needs evaluation.",
                ),
            ],
        ),
        single(
            "4.3-regression-eval",
            E,
            D,
            "apply",
            "medium",
            (
                "團隊經常修改 RAG 的提示、切塊方式與模型版本，卻常在上線後才發現某些問題變差。最有效的作法是？",
                "A team often changes its RAG prompts, chunking and model versions, and keeps finding regressions only after release. What works best?",
            ),
            [
                ok(
                    "把固定的評估集與指標門檻放進持續整合流程，每次變更都自動評估並比較，未達門檻不得上線",
                    "自動化回歸評估讓問題在上線前被發現。",
                    "Put a fixed evaluation set with metric thresholds into continuous integration, evaluating every change automatically and blocking release below the thresholds",
                    "Automated regression evaluation catches problems before release.",
                ),
                no(
                    "減少修改次數，一年只改一次",
                    "降低迭代速度不能解決缺乏驗證的問題。",
                    "Change less often—once a year",
                    "Slower iteration does not fix missing verification.",
                ),
                no(
                    "上線後等使用者回報",
                    "代價高且反應慢。",
                    "Release and wait for user reports",
                    "Costly and slow.",
                ),
                no(
                    "由工程師目視檢查幾個問題",
                    "樣本少且主觀，容易漏掉回歸。",
                    "Have an engineer eyeball a few questions",
                    "Small and subjective; regressions slip through.",
                ),
            ],
        ),
        single(
            "4.3-latency-budget",
            E,
            D,
            "analyse",
            "hard",
            (
                "RAG 助理的回應時間中位數為 6 秒，目標是 2 秒。追蹤顯示：查詢改寫 0.8 秒、檢索 0.2 秒、重排序 1.5 秒、生成 3.5 秒（輸出約 400 個 token）。哪一組調整最可能達成目標？",
                "A RAG assistant's median response is 6 s against a 2 s target. Tracing shows: query rewriting 0.8 s, retrieval 0.2 s, reranking 1.5 s, generation 3.5 s (about 400 output tokens). Which set of changes is most likely to hit the target?",
            ),
            [
                ok(
                    "以串流輸出降低感受延遲並縮短回答、改用較小或較快的生成模型，重排序減少候選數或改用輕量模型，並視情況省略查詢改寫",
                    "生成與重排序占大部分時間，應優先處理；檢索只占 0.2 秒，改善它效果有限。",
                    "Stream output and shorten answers, use a smaller or faster generation model, rerank fewer candidates or with a lighter model, and skip query rewriting where possible",
                    "Generation and reranking take most of the time and should come first; retrieval is only 0.2 s.",
                ),
                no(
                    "把向量資料庫換成更快的產品",
                    "檢索只占 0.2 秒，即使降為 0 也達不到目標。",
                    "Replace the vector database with a faster product",
                    "Retrieval is 0.2 s; even zero would not reach the target.",
                ),
                no(
                    "增加 top-k 以提高品質",
                    "會增加重排序與生成的時間。",
                    "Raise top-k for quality",
                    "It lengthens reranking and generation.",
                ),
                no(
                    "升級使用者的網路頻寬",
                    "瓶頸在後端處理，而非網路。",
                    "Upgrade users' bandwidth",
                    "The bottleneck is server-side processing, not the network.",
                ),
            ],
        ),
        single(
            "4.3-long-context",
            E,
            D,
            "evaluate",
            "hard",
            (
                "新模型支援 100 萬個 token 的上下文。有人主張「把整個 3 萬頁的知識庫每次都塞進去，就不需要 RAG 了」。最恰當的評估是？",
                "A new model supports a 1-million-token context. Someone argues 'put the whole 30,000-page knowledge base into every request and drop RAG'. What is the most appropriate assessment?",
            ),
            [
                ok(
                    "每次請求的成本與延遲會大幅上升、知識庫可能仍超過上限，長上下文中段的資訊也可能被忽略；權限過濾與引用也更難，RAG 仍有必要，長上下文可用於少量文件的深入分析",
                    "長上下文是補充而非取代：成本、延遲、容量、權限與注意力分散都是限制。",
                    "Cost and latency per request would soar, the base may still exceed the limit, and information in the middle of long contexts can be neglected; access filtering and citation get harder. RAG is still needed, with long context used for deep work on a few documents",
                    "Long context complements rather than replaces RAG: cost, latency, capacity, access control and diluted attention are all limits.",
                ),
                no(
                    "完全正確，長上下文模型讓檢索成為多餘",
                    "忽略了成本、延遲與權限等限制。",
                    "Entirely right: long context makes retrieval redundant",
                    "It ignores cost, latency and access control.",
                ),
                no(
                    "長上下文模型無法讀取中文",
                    "與語言無關。",
                    "Long-context models cannot read Chinese",
                    "Unrelated to language.",
                ),
                no(
                    "應該改回只用微調，不用任何檢索",
                    "微調無法處理常更新的知識與引用需求。",
                    "Go back to fine-tuning only, with no retrieval",
                    "Fine-tuning cannot handle changing knowledge or citations.",
                ),
            ],
        ),
        single(
            "4.3-observability",
            E,
            D,
            "apply",
            "medium",
            (
                "RAG 代理上線後，要能調查「為什麼某個回答錯了」，最需要記錄哪些資訊？",
                "After a RAG agent goes live, what most needs logging to investigate why a particular answer was wrong?",
            ),
            [
                ok(
                    "每次請求的完整追蹤：改寫後的查詢、檢索到的段落與分數、送入模型的提示、工具呼叫與結果、模型版本與回答",
                    "完整追蹤讓你判斷錯誤出在檢索、提示、工具或生成哪一環。",
                    "A full trace per request: the rewritten query, retrieved passages and scores, the prompt sent, tool calls and results, the model version and the answer",
                    "A full trace shows whether the fault lies in retrieval, prompt, tools or generation.",
                ),
                no(
                    "只記錄使用者的問題",
                    "無法得知系統內部發生什麼。",
                    "Only the user's question",
                    "It reveals nothing about what happened inside.",
                ),
                no(
                    "只記錄每日請求總數",
                    "總量無法說明單一錯誤的原因。",
                    "Only the daily request count",
                    "Totals cannot explain one error.",
                ),
                no(
                    "不記錄任何資料以保護隱私",
                    "可透過遮罩與保存期限兼顧隱私，而非完全不記錄。",
                    "Log nothing, to protect privacy",
                    "Masking and retention limits protect privacy without losing all evidence.",
                ),
            ],
        ),
        single(
            "4.3-guardrails",
            E,
            D,
            "evaluate",
            "hard",
            (
                "設計對外提供的 RAG 客服助理時，下列哪一種防護配置最完整？",
                "Designing a public RAG support assistant, which set of safeguards is most complete?",
            ),
            [
                ok(
                    "輸入端偵測注入與濫用、檢索端權限過濾與來源白名單、輸出端檢查個資與不當內容並驗證引用、超出範圍時轉真人",
                    "多層防護分別處理輸入、檢索、輸出與升級，任何單一層都不足以涵蓋所有風險。",
                    "Input checks for injection and abuse, permission filtering and source allow-lists at retrieval, output checks for personal data, harmful content and citation validity, and hand-off to a person when out of scope",
                    "Layered defences cover input, retrieval, output and escalation; no single layer covers every risk.",
                ),
                no(
                    "只在系統提示中寫清楚規則",
                    "提示可被繞過，缺乏系統層控制。",
                    "Only clear rules in the system prompt",
                    "Prompts can be bypassed; there is no system-level control.",
                ),
                no(
                    "只在輸出端過濾髒話",
                    "無法處理注入、越權檢索與錯誤資訊。",
                    "Only a profanity filter on output",
                    "It misses injection, over-broad retrieval and false information.",
                ),
                no(
                    "只允許員工使用，不開放客戶",
                    "迴避需求而非設計防護。",
                    "Allow only staff, not customers",
                    "It dodges the need rather than designing safeguards.",
                ),
            ],
        ),
        ordering(
            "4.3-order-react",
            E,
            D,
            "analyse",
            "medium",
            (
                "使用者問代理：「明天台北會下雨嗎？如果會，幫我把戶外會議改到室內會議室。」請排列代理合理的執行順序。",
                "A user asks an agent: 'Will it rain in Taipei tomorrow? If so, move my outdoor meeting to an indoor room.' Order the agent's sensible steps.",
            ),
            [
                ("推理：需要先查天氣", "Reason: the weather must be checked first"),
                (
                    "呼叫天氣工具查詢明天台北的預報",
                    "Call the weather tool for tomorrow's Taipei forecast",
                ),
                (
                    "觀察：降雨機率高，需要改地點",
                    "Observe: rain is likely, so the venue must change",
                ),
                (
                    "呼叫行事曆工具查詢可用的室內會議室並擬定變更",
                    "Call the calendar tool for free indoor rooms and draft the change",
                ),
                ("請使用者確認後才送出變更", "Ask the user to confirm before making the change"),
            ],
        ),
        constructed(
            "4.3-cr-design",
            E,
            D,
            "create",
            "hard",
            (
                "某縣市政府要建置民眾可使用的「法規與申辦問答助理」，資料包含數百部自治條例、申辦須知與每月更新的公告。請提出 RAG 架構設計，說明：資料處理與切塊、檢索策略、回答的依據與引用、評估方式，以及主要風險控管。",
                "A county government wants a public 'regulations and services Q&A assistant' built on hundreds of local ordinances, service guides and monthly notices. Propose a RAG architecture covering: data processing and chunking, retrieval strategy, grounding and citation, evaluation, and key risk controls.",
            ),
            [
                (
                    ("資料與切塊", "Data and chunking"),
                    [
                        (0, ("未說明。", "Not addressed.")),
                        (
                            1,
                            (
                                "有切塊但未考慮條文結構或更新。",
                                "Chunking without regard to article structure or updates.",
                            ),
                        ),
                        (
                            2,
                            (
                                "依條文與章節切塊並保留條號、版本與生效日，並規劃每月更新的同步與失效機制。",
                                "Chunks by article and section with numbers, versions and effective dates, and plans monthly sync and expiry.",
                            ),
                        ),
                    ],
                ),
                (
                    ("檢索策略", "Retrieval strategy"),
                    [
                        (0, ("未說明。", "Not addressed.")),
                        (1, ("只提向量檢索。", "Vector search only.")),
                        (
                            2,
                            (
                                "混合檢索處理條號與專有名詞、以生效日期過濾並重排序，並說明理由。",
                                "Hybrid retrieval for article numbers and terms, filtering on effective date and reranking, with reasons.",
                            ),
                        ),
                    ],
                ),
                (
                    ("依據與引用", "Grounding and citation"),
                    [
                        (0, ("未提及。", "Not addressed.")),
                        (
                            1,
                            (
                                "要求引用但未處理找不到的情況。",
                                "Requires citations but ignores the not-found case.",
                            ),
                        ),
                        (
                            2,
                            (
                                "每個答案引用條號與連結，找不到依據時明說並引導至承辦窗口。",
                                "Every answer cites articles and links, and says so and refers to a service desk when nothing is found.",
                            ),
                        ),
                    ],
                ),
                (
                    ("評估與風險控管", "Evaluation and risk control"),
                    [
                        (0, ("未提及。", "Not addressed.")),
                        (1, ("提到評估或風險其中之一。", "Either evaluation or risks.")),
                        (
                            2,
                            (
                                "有評估集與指標（recall@k、忠實度），並處理錯誤資訊、提示注入、個資與「僅供參考」的免責與申訴管道。",
                                "An evaluation set and metrics (recall@k, faithfulness), plus handling of misinformation, prompt injection, personal data, disclaimers and a complaint channel.",
                            ),
                        ),
                    ],
                ),
            ],
        ),
    ]


def items() -> list[ItemSpec]:
    return [
        *classify("4.3-strategy", D, STRATEGIES, STRATEGY_Q, STRATEGY_SCENARIOS, cognitive="apply"),
        *classify("4.3-failure", D, FAILURES, FAILURE_Q, FAILURE_SCENARIOS, cognitive="analyse"),
        *_metrics_family(),
        *_hand_written(),
    ]
