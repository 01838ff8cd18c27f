"""The demo's content: agency kinds, topics, campaigns, agencies and people, the official documents
items cite, body templates and about thirty news items (plain data; seed.py creates it)."""

from dataclasses import dataclass
from datetime import date

DEFAULT_PASSWORD = "cchc-demo-2026"  # noqa: S105 - a public demo login, printed on purpose
EMAIL_DOMAIN = "demo.gov.vn"
PUBLISHING_WINDOW_DAYS = 42  # published items are spread over the last six weeks
COVER_SIZE = (1200, 675)  # 16:9
DEPARTMENT_NAME = "Sở Nội vụ"

# --- Taxonomy -------------------------------------------------------------------------

KIND_DEPARTMENT = "Sở, ban, ngành"
KIND_COMMUNE = "UBND phường, xã, đặc khu"
KIND_PUBLIC_UNIT = "Đơn vị sự nghiệp công lập"
AGENCY_KINDS = [KIND_DEPARTMENT, KIND_COMMUNE, KIND_PUBLIC_UNIT]

RESULTS = "Kết quả"
MODELS = "Mô hình – điển hình tốt"
ACTIVITIES = "Hoạt động"
DIRECTION = "Chỉ đạo – điều hành"
TOPICS = {
    RESULTS: "Kết quả thực hiện nhiệm vụ cải cách hành chính: số liệu, chỉ tiêu, chỉ số.",
    MODELS: "Cách làm hay, sáng kiến, mô hình mới có thể nhân rộng.",
    ACTIVITIES: "Hội nghị, tập huấn, tuyên truyền, kiểm tra và các hoạt động CCHC khác.",
    DIRECTION: "Chỉ đạo, điều hành của lãnh đạo cơ quan, đơn vị về cải cách hành chính.",
}


@dataclass(frozen=True)
class DemoCampaign:
    name: str
    description: str
    start_date: date
    end_date: date
    active: bool


TEN_YEARS = "Tổng kết 10 năm Chương trình tổng thể CCHC 2011–2020"
CONGRESS = "Đại hội Đảng bộ Thành phố lần XI"
DIGITAL = "Chuyển đổi số trong giải quyết thủ tục hành chính năm 2026"
CAMPAIGNS = [
    DemoCampaign(
        TEN_YEARS,
        "Thông tin, tuyên truyền phục vụ Tổng kết 10 năm thực hiện Chương trình tổng thể cải "
        "cách hành chính nhà nước giai đoạn 2011 – 2020 (Công văn số 4849/BNV-CCHC ngày "
        "16/9/2020 của Bộ Nội vụ).",
        date(2020, 9, 1),
        date(2020, 12, 31),
        active=False,
    ),
    DemoCampaign(
        CONGRESS,
        "Tuyên truyền kết quả cải cách hành chính trước, trong và sau Đại hội đại biểu Đảng bộ "
        "Thành phố lần thứ XI, nhiệm kỳ 2020 – 2025.",
        date(2020, 9, 4),
        date(2020, 11, 30),
        active=False,
    ),
    DemoCampaign(
        DIGITAL,
        "Tin, bài về dịch vụ công trực tuyến toàn trình, số hóa hồ sơ, thanh toán trực tuyến và "
        "khai thác dữ liệu dân cư trong giải quyết thủ tục hành chính.",
        date(2026, 1, 1),
        date(2026, 12, 31),
        active=True,
    ),
]

# --- Agencies and people --------------------------------------------------------------


@dataclass(frozen=True)
class DemoAgency:
    code: str
    name: str
    short_name: str
    kind: str
    editor: str  # full name, family name first
    head: str


AGENCIES = [
    DemoAgency(
        "stp",
        "Sở Tư pháp",
        "Sở Tư pháp",
        KIND_DEPARTMENT,
        "Nguyễn Thị Thu Hà",
        "Trần Văn Hùng",
    ),
    DemoAgency(
        "stc",
        "Sở Tài chính",
        "Sở Tài chính",
        KIND_DEPARTMENT,
        "Lê Minh Tuấn",
        "Phạm Thị Lan Anh",
    ),
    DemoAgency("syt", "Sở Y tế", "Sở Y tế", KIND_DEPARTMENT, "Võ Ngọc Bích", "Huỳnh Tấn Phát"),
    DemoAgency(
        "skhcn",
        "Sở Khoa học và Công nghệ",
        "Sở KH&CN",
        KIND_DEPARTMENT,
        "Đặng Quốc Bảo",
        "Bùi Thị Mai",
    ),
    DemoAgency(
        "p-ben-thanh",
        "UBND phường Bến Thành",
        "Phường Bến Thành",
        KIND_COMMUNE,
        "Phan Thanh Tâm",
        "Đỗ Văn Lợi",
    ),
    DemoAgency(
        "x-binh-hung",
        "UBND xã Bình Hưng",
        "Xã Bình Hưng",
        KIND_COMMUNE,
        "Ngô Thị Kim Oanh",
        "Trương Công Danh",
    ),
    DemoAgency(
        "dk-con-dao",
        "UBND đặc khu Côn Đảo",
        "Đặc khu Côn Đảo",
        KIND_COMMUNE,
        "Lý Hoàng Nam",
        "Dương Thị Hồng Nhung",
    ),
    DemoAgency(
        "ttpvhcc",
        "Trung tâm Phục vụ hành chính công Thành phố",
        "Trung tâm PVHCC",
        KIND_PUBLIC_UNIT,
        "Hồ Gia Huy",
        "Mai Thị Phương Thảo",
    ),
]

ROLE_EDITOR = "Chuyên viên (biên tập)"
ROLE_HEAD = "Lãnh đạo đơn vị"
ROLE_OFFICE = "Phòng CCHC"
ROLE_LEADERSHIP = "Lãnh đạo Sở"
ROLE_ADMIN = "Quản trị hệ thống"
OFFICE_USER = ("phongcchc", "Vũ Thị Ngọc Hân")
LEADERSHIP_USER = ("lanhdaoso", "Nguyễn Hữu Phước")
ADMIN_USER = ("admin", "")  # no personal name: Wagtail shows the username

# The Department's identity (cchc_news.DepartmentIdentity) for a province that does not exist.
PROVINCE_NAME = "tỉnh Thanh Lâm"
DEPARTMENT_IDENTITY = {
    "province_name": PROVINCE_NAME,
    "department_name": DEPARTMENT_NAME,
    "address": f"Số 18 đường Lê Lợi, phường Trung Tâm, {PROVINCE_NAME}",
    "phone": "(0200) 3 812 345",
    "email": f"sonoivu@{EMAIL_DOMAIN}",
    "responsible_name": LEADERSHIP_USER[1],
    "responsible_title": "Giám đốc Sở Nội vụ",
    "licence": (
        "Giấy phép số 01/GP-TTĐT ngày 15/01/2026 của Sở Khoa học và Công nghệ "
        f"{PROVINCE_NAME} (dữ liệu minh họa, không phải cơ quan có thật)."
    ),
}

# --- Official documents cited by items ------------------------------------------------


@dataclass(frozen=True)
class DemoReference:
    number: str
    issued_on: date
    issuer: str
    title: str


REF_BNV_4849 = DemoReference(
    "4849/BNV-CCHC",
    date(2020, 9, 16),
    "Bộ Nội vụ",
    "Về việc đẩy mạnh thông tin, tuyên truyền cải cách hành chính",
)
REF_NQ_76 = DemoReference(
    "76/NQ-CP",
    date(2021, 7, 15),
    "Chính phủ",
    "Ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 – 2030",
)
REF_QD_06 = DemoReference(
    "06/QĐ-TTg",
    date(2022, 1, 6),
    "Thủ tướng Chính phủ",
    "Phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử "
    "phục vụ chuyển đổi số quốc gia giai đoạn 2022 – 2025, tầm nhìn đến năm 2030",
)
REF_ND_118 = DemoReference(
    "118/2025/NĐ-CP",
    date(2025, 6, 9),
    "Chính phủ",
    "Về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông tại Bộ phận "
    "Một cửa và Cổng Dịch vụ công quốc gia",
)

# --- Body templates -------------------------------------------------------------------
# A body is the item's own lead paragraph, a paragraph on its theme and two on its topic;
# {agency} is replaced by the agency's name.

THEMES = {
    "one_stop": (
        "Tại Bộ phận Một cửa, {agency} bố trí công chức có chuyên môn, kỹ năng giao tiếp tốt "
        "làm nhiệm vụ tiếp nhận và trả kết quả; việc tiếp nhận, luân chuyển, giải quyết hồ sơ "
        "theo cơ chế một cửa, một cửa liên thông được công khai và theo dõi trên Hệ thống thông "
        "tin giải quyết thủ tục hành chính của Thành phố. Mỗi hồ sơ trễ hạn đều có văn bản xin "
        "lỗi gửi tổ chức, cá nhân, nêu rõ thời hạn trả kết quả mới."
    ),
    "online": (
        "{agency} thường xuyên rà soát, tái cấu trúc quy trình để cung cấp dịch vụ công trực "
        "tuyến toàn trình; hồ sơ nộp trực tuyến được ưu tiên xử lý, người dân theo dõi tiến độ "
        "qua tin nhắn và nhận kết quả điện tử có giá trị pháp lý như bản giấy. Việc thanh toán "
        "phí, lệ phí trực tuyến cũng được khuyến khích, góp phần giảm thời gian đi lại và chi "
        "phí cho người dân, doanh nghiệp."
    ),
    "digitisation": (
        "Công tác số hóa hồ sơ, kết quả giải quyết thủ tục hành chính được {agency} thực hiện "
        "ngay từ khâu tiếp nhận: giấy tờ được quét, ký số và lưu vào kho dữ liệu điện tử của tổ "
        "chức, cá nhân, để lần sau người dân không phải nộp lại những giấy tờ đã có. Các kết quả "
        "giải quyết còn hiệu lực được số hóa dần và tái sử dụng khi thực hiện thủ tục khác."
    ),
    "par_index": (
        "Chỉ số cải cách hành chính (PAR INDEX) là thước đo tổng hợp kết quả công tác cải cách "
        "hành chính của từng cơ quan, đơn vị, từ công tác chỉ đạo, điều hành, cải cách thể chế, "
        "thủ tục hành chính, tổ chức bộ máy, chế độ công vụ, tài chính công đến xây dựng Chính "
        "phủ điện tử, Chính phủ số. {agency} xác định nâng cao chỉ số là trách nhiệm của từng "
        "phòng, bộ phận chứ không riêng bộ phận tham mưu cải cách hành chính."
    ),
    "satisfaction": (
        "Chỉ số hài lòng về sự phục vụ hành chính (SIPAS) phản ánh trực tiếp cảm nhận của người "
        "dân, doanh nghiệp khi giao dịch với cơ quan nhà nước. {agency} lấy ý kiến sau mỗi giao "
        "dịch qua phiếu điện tử và mã QR đặt tại quầy; các ý kiến chưa hài lòng được tổng hợp "
        "hằng tuần, phân công xử lý và phản hồi công khai."
    ),
    "saturday": (
        "Mô hình “Ngày thứ Bảy vì dân” được {agency} duy trì vào sáng thứ Bảy hằng tuần: Bộ phận "
        "Một cửa tiếp nhận hồ sơ, trả kết quả và hướng dẫn thủ tục cho những người không thể "
        "đến trong giờ hành chính. Công chức trực được bố trí luân phiên và nghỉ bù theo quy "
        "định, bảo đảm không ảnh hưởng đến công việc chuyên môn."
    ),
    "digital": (
        "Chuyển đổi số trong giải quyết thủ tục hành chính được {agency} triển khai đồng bộ: "
        "khai thác dữ liệu từ Cơ sở dữ liệu quốc gia về dân cư để không yêu cầu người dân xuất "
        "trình lại giấy tờ, ký số kết quả giải quyết, hướng dẫn người dân sử dụng tài khoản định "
        "danh điện tử mức độ 2 trên ứng dụng VNeID."
    ),
    "simplification": (
        "Công tác rà soát, đơn giản hóa thủ tục hành chính được {agency} thực hiện thường xuyên "
        "theo kế hoạch năm; các thủ tục có thành phần hồ sơ trùng lặp, thời hạn giải quyết dài "
        "hoặc yêu cầu giấy tờ đã có trong cơ sở dữ liệu đều được đề xuất cắt giảm. Bộ thủ tục "
        "hành chính được niêm yết công khai tại Bộ phận Một cửa và trên Cổng Dịch vụ công."
    ),
    "discipline": (
        "Cùng với cải cách thủ tục, {agency} chú trọng siết chặt kỷ luật, kỷ cương hành chính: "
        "công chức thực hiện nghiêm quy tắc ứng xử, đeo thẻ khi thi hành công vụ, không gây "
        "phiền hà, sách nhiễu; việc kiểm tra công vụ được tiến hành định kỳ và đột xuất, kết "
        "quả được công khai trong cơ quan."
    ),
    "outreach": (
        "Công tác thông tin, tuyên truyền được {agency} xác định là nhiệm vụ thường xuyên của "
        "cải cách hành chính: nội dung tập trung vào các thủ tục mới được đơn giản hóa, các dịch "
        "vụ công trực tuyến toàn trình và những cách làm hay, để người dân, doanh nghiệp biết, "
        "sử dụng và cùng giám sát."
    ),
}

TOPIC_PARAGRAPHS = {
    RESULTS: (
        "Kết quả trên có được nhờ sự vào cuộc của người đứng đầu và tinh thần trách nhiệm của "
        "đội ngũ công chức, viên chức trực tiếp giải quyết thủ tục hành chính, cùng sự phối hợp "
        "chặt chẽ với các cơ quan liên quan trong liên thông, chia sẻ dữ liệu, hạn chế tối đa "
        "hồ sơ phải bổ sung, làm lại.",
        "Thời gian tới, {agency} tiếp tục theo dõi sát tiến độ giải quyết hồ sơ, phấn đấu hoàn "
        "thành các chỉ tiêu cải cách hành chính năm 2026 và chuẩn bị tốt cho kế hoạch năm 2027.",
    ),
    MODELS: (
        "Điểm mới của mô hình là cách làm đơn giản, ít tốn kém, dễ nhân rộng: không cần đầu tư "
        "thêm trang thiết bị lớn mà chủ yếu dựa vào việc sắp xếp lại quy trình và tinh thần phục "
        "vụ của công chức. Người dân đến giao dịch đánh giá cao sự thuận tiện, nhanh chóng.",
        "Sau thời gian thực hiện, {agency} sẽ tổng kết, đánh giá hiệu quả và đề xuất Sở Nội vụ "
        "xem xét nhân rộng mô hình tại các cơ quan, đơn vị khác trên địa bàn Thành phố.",
    ),
    ACTIVITIES: (
        "Hoạt động thu hút sự quan tâm của đông đảo cán bộ, công chức, viên chức và người dân; "
        "nhiều ý kiến, kiến nghị thiết thực đã được ghi nhận để đơn vị nghiên cứu, tiếp thu.",
        "{agency} cho biết sẽ tiếp tục tổ chức các hoạt động tương tự định kỳ, gắn với việc thực "
        "hiện các nhiệm vụ cải cách hành chính trọng tâm của năm.",
    ),
    DIRECTION: (
        "Người đứng đầu yêu cầu các phòng, bộ phận rà soát nhiệm vụ được giao trong kế hoạch cải "
        "cách hành chính, xác định rõ sản phẩm, thời hạn hoàn thành và người chịu trách nhiệm; "
        "nhiệm vụ chậm tiến độ phải báo cáo nguyên nhân và giải pháp khắc phục.",
        "Việc thực hiện chỉ đạo được đưa vào tiêu chí đánh giá, xếp loại chất lượng cán bộ, công "
        "chức, viên chức cuối năm; kết quả được báo cáo Sở Nội vụ (Phòng CCHC) theo quy định.",
    ),
}

# --- News items -----------------------------------------------------------------------


@dataclass(frozen=True)
class DemoItem:
    agency: str  # agency code
    topic: str
    theme: str  # key of THEMES
    title: str
    summary: str
    lead: str  # the body's first paragraph, specific to the item
    campaign: str = ""
    reference: DemoReference | None = None
    cover_alt: str = ""  # set: the item gets a generated cover image
    original_file: bool = False  # the item gets a generated .docx
    draft: bool = False
    in_review: int = 0  # a draft waiting at this step of the review (1-3)


ITEMS = [
    # Sở Tư pháp
    DemoItem(
        "stp",
        RESULTS,
        "online",
        "Sở Tư pháp: gần 87% hồ sơ cấp Phiếu lý lịch tư pháp được nộp trực tuyến",
        "Trong 9 tháng năm 2026, 86,7% hồ sơ đề nghị cấp Phiếu lý lịch tư pháp được nộp trực "
        "tuyến; thời gian giải quyết bình quân rút xuống còn 5 ngày làm việc.",
        "Theo báo cáo của Phòng Hành chính tư pháp, từ đầu năm đến ngày 30/9/2026, Sở Tư pháp "
        "tiếp nhận 19.050 hồ sơ đề nghị cấp Phiếu lý lịch tư pháp, trong đó 16.520 hồ sơ được "
        "nộp qua Cổng Dịch vụ công quốc gia và ứng dụng VNeID. Toàn bộ hồ sơ được giải quyết đúng "
        "hạn; người dân có thể nhận Phiếu bản điện tử mà không phải đến nhận bản giấy.",
        campaign=DIGITAL,
        original_file=True,
    ),
    DemoItem(
        "stp",
        MODELS,
        "one_stop",
        "Mô hình “Trợ lý pháp lý số” hướng dẫn người dân chuẩn bị hồ sơ chứng thực",
        "Sở Tư pháp đưa vào sử dụng trợ lý pháp lý số trả lời tự động các câu hỏi thường gặp về "
        "chứng thực, hộ tịch, giúp giảm số hồ sơ phải bổ sung, làm lại.",
        "Từ tháng 9/2026, người dân có thể hỏi “Trợ lý pháp lý số” trên trang thông tin điện tử "
        "của Sở Tư pháp về thành phần hồ sơ, lệ phí và thời hạn giải quyết các thủ tục chứng "
        "thực, hộ tịch, lý lịch tư pháp. Trợ lý được xây dựng từ bộ câu hỏi thường gặp do công "
        "chức Bộ phận Một cửa tổng hợp, mỗi câu trả lời kèm đường dẫn đến thủ tục tương ứng.",
        cover_alt="Người dân tra cứu thủ tục chứng thực trên điện thoại tại Bộ phận Một cửa "
        "Sở Tư pháp",
    ),
    DemoItem(
        "stp",
        ACTIVITIES,
        "simplification",
        "Tập huấn rà soát, đơn giản hóa thủ tục hành chính cho công chức tư pháp – hộ tịch",
        "Hơn 200 công chức tư pháp – hộ tịch các phường, xã, đặc khu tham dự lớp tập huấn của Sở "
        "Tư pháp về rà soát, đánh giá thủ tục hành chính.",
        "Vừa qua, Sở Tư pháp tổ chức lớp tập huấn trực tiếp kết hợp trực tuyến về nghiệp vụ rà "
        "soát, đánh giá và đơn giản hóa thủ tục hành chính. Báo cáo viên hướng dẫn cách lượng "
        "hóa chi phí tuân thủ, nhận diện thành phần hồ sơ trùng lặp và xây dựng phương án đơn "
        "giản hóa gửi cấp có thẩm quyền.",
    ),
    DemoItem(
        "stp",
        DIRECTION,
        "outreach",
        "Sở Tư pháp đẩy mạnh thông tin, tuyên truyền cải cách hành chính những tháng cuối năm",
        "Giám đốc Sở Tư pháp yêu cầu các phòng, đơn vị thuộc Sở chủ động viết tin, bài về kết "
        "quả, mô hình hay trong cải cách hành chính, gửi Sở Nội vụ đăng Bản tin CCHC.",
        "Tiếp tục thực hiện Công văn số 4849/BNV-CCHC của Bộ Nội vụ về đẩy mạnh thông tin, tuyên "
        "truyền cải cách hành chính, Sở Tư pháp giao Văn phòng Sở làm đầu mối tổng hợp tin, bài "
        "của các phòng, đơn vị; mỗi phòng, đơn vị có ít nhất một tin, bài mỗi tháng, không quá "
        "03 trang giấy A4, gửi kèm tệp điện tử.",
        reference=REF_BNV_4849,
    ),
    # Sở Tài chính
    DemoItem(
        "stc",
        RESULTS,
        "online",
        "100% hồ sơ đăng ký doanh nghiệp được tiếp nhận và trả kết quả qua mạng",
        "Toàn bộ hồ sơ đăng ký doanh nghiệp trên địa bàn Thành phố nay được giải quyết trực "
        "tuyến, thời gian xử lý bình quân 2,5 ngày làm việc.",
        "Sau khi tiếp nhận chức năng đăng ký kinh doanh, Sở Tài chính tập trung chuẩn hóa quy "
        "trình và hướng dẫn doanh nghiệp sử dụng Hệ thống thông tin quốc gia về đăng ký doanh "
        "nghiệp. Trong 9 tháng năm 2026, Sở tiếp nhận hơn 41.000 hồ sơ đăng ký thành lập mới và "
        "thay đổi nội dung đăng ký doanh nghiệp, tất cả qua mạng; 99,8% được giải quyết đúng hạn.",
        campaign=DIGITAL,
    ),
    DemoItem(
        "stc",
        MODELS,
        "digitisation",
        "Số hóa kết quả thủ tục đầu tư: nhà đầu tư không phải nộp lại giấy tờ đã có",
        "Sở Tài chính số hóa hơn 12.000 kết quả giải quyết thủ tục hành chính lĩnh vực đầu tư, "
        "cho phép tái sử dụng dữ liệu khi nhà đầu tư thực hiện thủ tục tiếp theo.",
        "Từ đầu năm 2026, Sở Tài chính rà soát và số hóa các Giấy chứng nhận đăng ký đầu tư, văn "
        "bản chấp thuận chủ trương đầu tư còn hiệu lực. Khi điều chỉnh dự án, nhà đầu tư chỉ cần "
        "khai số hiệu giấy chứng nhận; hệ thống tự động trích xuất thông tin đã có, không yêu "
        "cầu nộp bản sao.",
        original_file=True,
    ),
    DemoItem(
        "stc",
        ACTIVITIES,
        "satisfaction",
        "Sở Tài chính lấy ý kiến doanh nghiệp về chất lượng giải quyết thủ tục hành chính",
        "Gần 1.500 doanh nghiệp tham gia khảo sát trực tuyến; 94,2% hài lòng với thái độ phục "
        "vụ và thời gian giải quyết hồ sơ.",
        "Vừa qua, Sở Tài chính gửi phiếu khảo sát trực tuyến đến các doanh nghiệp đã thực hiện "
        "thủ tục đăng ký doanh nghiệp, đăng ký đầu tư trong 6 tháng gần nhất. Các ý kiến góp ý "
        "tập trung vào việc hướng dẫn kê khai ngành, nghề kinh doanh và thời gian phản hồi của "
        "tổng đài hỗ trợ.",
    ),
    DemoItem(
        "stc",
        DIRECTION,
        "par_index",
        "Khắc phục các tiêu chí bị trừ điểm trong Chỉ số cải cách hành chính năm 2025",
        "Lãnh đạo Sở Tài chính giao từng phòng chuyên môn xây dựng giải pháp khắc phục các tiêu "
        "chí bị trừ điểm trong Chỉ số CCHC năm 2025.",
        "Tại cuộc họp giao ban, Giám đốc Sở Tài chính phân tích các tiêu chí bị trừ điểm trong "
        "Chỉ số cải cách hành chính năm 2025 của Sở, tập trung ở cải cách tài chính công và tỷ "
        "lệ hồ sơ trực tuyến toàn trình. Mỗi phòng chuyên môn lập danh mục nhiệm vụ, thời hạn và "
        "người chịu trách nhiệm khắc phục, báo cáo tiến độ hằng tháng.",
        draft=True,
    ),
    # Sở Y tế
    DemoItem(
        "syt",
        RESULTS,
        "online",
        "Sở Y tế giải quyết đúng hạn 98,7% hồ sơ cấp giấy phép hành nghề",
        "Trong 9 tháng năm 2026, Sở Y tế tiếp nhận gần 9.800 hồ sơ cấp, cấp lại giấy phép hành "
        "nghề khám bệnh, chữa bệnh; 98,7% được giải quyết đúng và trước hạn.",
        "Số hồ sơ đề nghị cấp giấy phép hành nghề năm 2026 tăng mạnh so với cùng kỳ. Sở Y tế đã "
        "tái cấu trúc quy trình, tăng cường nhân sự thẩm định và cho phép nộp hồ sơ trực tuyến "
        "toàn trình; đến hết quý III/2026, tỷ lệ giải quyết đúng và trước hạn đạt 98,7%, tăng "
        "6,1 điểm phần trăm so với năm 2025.",
        reference=REF_NQ_76,
    ),
    DemoItem(
        "syt",
        MODELS,
        "digital",
        "Giấy chứng sinh điện tử: cha mẹ đăng ký khai sinh cho con ngay tại nhà",
        "Các bệnh viện có khoa sản gửi dữ liệu giấy chứng sinh điện tử lên hệ thống liên thông, "
        "giúp cha mẹ đăng ký khai sinh, thường trú và cấp thẻ bảo hiểm y tế cho trẻ qua VNeID.",
        "Thực hiện Đề án 06 của Chính phủ, Sở Y tế chỉ đạo các bệnh viện có khoa sản cấp giấy "
        "chứng sinh điện tử và đồng bộ lên hệ thống liên thông thủ tục hành chính. Chỉ với vài "
        "thao tác trên ứng dụng VNeID, cha mẹ hoàn tất nhóm thủ tục đăng ký khai sinh – đăng ký "
        "thường trú – cấp thẻ bảo hiểm y tế cho trẻ dưới 6 tuổi mà không phải mang giấy tờ đến "
        "Bộ phận Một cửa.",
        campaign=DIGITAL,
        reference=REF_QD_06,
        cover_alt="Điều dưỡng hướng dẫn sản phụ đăng ký khai sinh cho con qua ứng dụng VNeID",
    ),
    DemoItem(
        "syt",
        ACTIVITIES,
        "satisfaction",
        "Sở Y tế khảo sát sự hài lòng của cơ sở y tế tư nhân về thủ tục cấp phép hoạt động",
        "Sở Y tế lấy ý kiến các phòng khám, cơ sở dịch vụ y tế tư nhân sau khi được cấp giấy "
        "phép hoạt động, để rút ngắn thời gian thẩm định.",
        "Vừa qua, Sở Y tế gửi phiếu khảo sát đến 620 phòng khám, cơ sở dịch vụ y tế tư nhân được "
        "cấp giấy phép hoạt động trong năm. Phần lớn cơ sở đánh giá cao việc công khai lịch thẩm "
        "định; một số kiến nghị bố trí thẩm định thực tế ngoài giờ hành chính và rút ngắn thời "
        "gian chờ lịch.",
    ),
    DemoItem(
        "syt",
        DIRECTION,
        "simplification",
        "Sở Y tế rà soát, đề xuất đơn giản hóa 12 thủ tục hành chính lĩnh vực dược",
        "Sở Y tế giao Phòng Nghiệp vụ Dược chủ trì rà soát, đề xuất đơn giản hóa 12 thủ tục có "
        "thành phần hồ sơ trùng lặp hoặc thời hạn giải quyết dài.",
        "Theo kế hoạch rà soát, đánh giá thủ tục hành chính năm 2026, Sở Y tế lựa chọn 12 thủ "
        "tục lĩnh vực dược, mỹ phẩm có số lượng hồ sơ lớn để đánh giá chi phí tuân thủ. Phương án "
        "đề xuất bỏ yêu cầu nộp bản sao giấy tờ đã có trong cơ sở dữ liệu và rút ngắn thời hạn "
        "giải quyết từ 15 xuống 10 ngày làm việc.",
        original_file=True,
        draft=True,
        in_review=1,
    ),
    # Sở Khoa học và Công nghệ
    DemoItem(
        "skhcn",
        RESULTS,
        "digital",
        "Sở Khoa học và Công nghệ: 100% văn bản đi được ký số, gửi nhận trên môi trường điện tử",
        "Toàn bộ văn bản đi của Sở Khoa học và Công nghệ trong 9 tháng năm 2026, trừ văn bản mật, "
        "được ký số và gửi qua hệ thống quản lý văn bản.",
        "Từ đầu năm 2026, Sở Khoa học và Công nghệ cấp chữ ký số cho toàn bộ lãnh đạo, chuyên "
        "viên và xử lý văn bản hoàn toàn trên môi trường điện tử. Trong 9 tháng, Sở phát hành hơn "
        "6.300 văn bản điện tử có ký số; thời gian luân chuyển văn bản nội bộ giảm từ 2 ngày "
        "xuống còn vài giờ.",
        campaign=DIGITAL,
    ),
    DemoItem(
        "skhcn",
        MODELS,
        "simplification",
        "Vận hành Hệ thống quản lý chất lượng TCVN ISO 9001:2015 trên nền tảng số",
        "Sở Khoa học và Công nghệ chuyển toàn bộ quy trình ISO sang môi trường điện tử; mỗi bước "
        "giải quyết hồ sơ được ghi nhận và cảnh báo khi sắp trễ hạn.",
        "Thay vì lưu hồ sơ ISO bằng giấy, Sở Khoa học và Công nghệ gắn từng quy trình nội bộ giải "
        "quyết thủ tục hành chính với hệ thống một cửa điện tử. Công chức xử lý hồ sơ được nhắc "
        "việc tự động trước hạn 2 ngày; lãnh đạo theo dõi tình hình giải quyết của từng phòng "
        "trên bảng điều khiển.",
        original_file=True,
    ),
    DemoItem(
        "skhcn",
        ACTIVITIES,
        "digital",
        "Hội thảo ứng dụng trí tuệ nhân tạo hỗ trợ giải quyết thủ tục hành chính",
        "Sở Khoa học và Công nghệ tổ chức hội thảo giới thiệu các giải pháp trí tuệ nhân tạo hỗ "
        "trợ tra cứu, kiểm tra hồ sơ và trả lời người dân.",
        "Hội thảo thu hút đại diện nhiều sở, ngành, Trung tâm Phục vụ hành chính công và các "
        "doanh nghiệp công nghệ. Các tham luận giới thiệu giải pháp trích xuất thông tin từ hồ "
        "sơ giấy, trợ lý ảo trả lời câu hỏi về thủ tục và công cụ kiểm tra tính đầy đủ của hồ sơ "
        "trước khi tiếp nhận.",
        campaign=DIGITAL,
        cover_alt="Toàn cảnh hội thảo ứng dụng trí tuệ nhân tạo trong giải quyết thủ tục hành "
        "chính",
    ),
    DemoItem(
        "skhcn",
        DIRECTION,
        "online",
        "Sở Khoa học và Công nghệ đôn đốc hoàn thành các chỉ tiêu chuyển đổi số năm 2026",
        "Lãnh đạo Sở yêu cầu rà soát các chỉ tiêu về dịch vụ công trực tuyến toàn trình, thanh "
        "toán trực tuyến và số hóa hồ sơ, bảo đảm hoàn thành trước ngày 15/12/2026.",
        "Tại buổi làm việc với các phòng chuyên môn, lãnh đạo Sở Khoa học và Công nghệ đánh giá: "
        "tỷ lệ hồ sơ trực tuyến toàn trình đạt 81%, thanh toán trực tuyến đạt 67%, số hóa kết "
        "quả giải quyết đạt 92%. Các chỉ tiêu chưa đạt được giao cho từng phòng với thời hạn cụ "
        "thể.",
        campaign=DIGITAL,
        reference=REF_NQ_76,
    ),
    # UBND phường Bến Thành
    DemoItem(
        "p-ben-thanh",
        MODELS,
        "saturday",
        "Phường Bến Thành duy trì mô hình “Ngày thứ Bảy vì dân”",
        "Sáng thứ Bảy hằng tuần, Bộ phận Một cửa UBND phường Bến Thành tiếp nhận hồ sơ và hướng "
        "dẫn thủ tục cho người dân bận đi làm trong giờ hành chính.",
        "Từ khi triển khai, mô hình “Ngày thứ Bảy vì dân” của UBND phường Bến Thành đã tiếp nhận "
        "hơn 3.200 lượt hồ sơ, chủ yếu là chứng thực, hộ tịch và đăng ký cư trú. Nhiều người lao "
        "động, tiểu thương cho biết nhờ mô hình này mà không phải xin nghỉ làm để đi làm thủ tục.",
        cover_alt="Công chức phường Bến Thành tiếp nhận hồ sơ của người dân vào sáng thứ Bảy",
    ),
    DemoItem(
        "p-ben-thanh",
        RESULTS,
        "one_stop",
        "Bộ phận Một cửa phường Bến Thành giải quyết đúng hạn 99,6% hồ sơ trong quý III",
        "Trong quý III/2026, UBND phường Bến Thành tiếp nhận 4.870 hồ sơ thủ tục hành chính; "
        "99,6% được giải quyết đúng hạn, không có hồ sơ tồn đọng.",
        "Theo báo cáo của Bộ phận Một cửa, trong quý III/2026 UBND phường Bến Thành tiếp nhận "
        "4.870 hồ sơ, trong đó 3.915 hồ sơ nộp trực tuyến. Chỉ 19 hồ sơ trễ hạn do phải xác minh "
        "thông tin đất đai, tất cả đều có văn bản xin lỗi và hẹn lại thời gian trả kết quả.",
        reference=REF_ND_118,
    ),
    DemoItem(
        "p-ben-thanh",
        ACTIVITIES,
        "digital",
        "Tổ công nghệ số cộng đồng hướng dẫn người dân phường Bến Thành nộp hồ sơ trực tuyến",
        "Đoàn viên, thanh niên trong Tổ công nghệ số cộng đồng hỗ trợ người cao tuổi kích hoạt "
        "tài khoản định danh điện tử và nộp hồ sơ qua ứng dụng VNeID.",
        "Mỗi tối thứ Tư và sáng Chủ nhật, Tổ công nghệ số cộng đồng của phường Bến Thành đến từng "
        "khu phố hướng dẫn người dân cài đặt, kích hoạt ứng dụng VNeID, tích hợp giấy tờ và nộp "
        "hồ sơ trực tuyến. Thời gian qua, tổ đã hỗ trợ hơn 900 lượt người dân, phần lớn là người "
        "cao tuổi.",
        campaign=DIGITAL,
        reference=REF_QD_06,
    ),
    DemoItem(
        "p-ben-thanh",
        DIRECTION,
        "discipline",
        "UBND phường Bến Thành kiểm tra công vụ đột xuất tại Bộ phận Một cửa",
        "Chủ tịch UBND phường Bến Thành ban hành kế hoạch kiểm tra công vụ đột xuất, tập trung "
        "vào việc tiếp nhận, giải quyết hồ sơ và thái độ phục vụ người dân.",
        "Kế hoạch kiểm tra tập trung vào việc chấp hành thời gian làm việc, niêm yết công khai "
        "thủ tục hành chính, tiếp nhận và trả kết quả đúng quy trình, không yêu cầu người dân nộp "
        "thêm giấy tờ ngoài quy định. Đoàn kiểm tra do Chủ tịch UBND phường làm trưởng đoàn, "
        "kiểm tra không báo trước.",
    ),
    # UBND xã Bình Hưng
    DemoItem(
        "x-binh-hung",
        RESULTS,
        "online",
        "Xã Bình Hưng: 78% hồ sơ thủ tục hành chính được nộp trực tuyến toàn trình",
        "Tỷ lệ hồ sơ trực tuyến toàn trình của UBND xã Bình Hưng tăng từ 41% đầu năm lên 78% "
        "trong quý III/2026, vượt chỉ tiêu Thành phố giao.",
        "Để nâng tỷ lệ hồ sơ trực tuyến, UBND xã Bình Hưng bố trí công chức hướng dẫn trực tiếp "
        "tại sảnh Bộ phận Một cửa, hỗ trợ người dân tạo tài khoản và nộp hồ sơ ngay tại chỗ thay "
        "vì nhận hồ sơ giấy. Nhờ vậy, tỷ lệ hồ sơ trực tuyến toàn trình tăng 37 điểm phần trăm "
        "so với đầu năm.",
        campaign=DIGITAL,
    ),
    DemoItem(
        "x-binh-hung",
        MODELS,
        "one_stop",
        "“Một cửa lưu động” đến tận nhà người cao tuổi, người khuyết tật ở xã Bình Hưng",
        "UBND xã Bình Hưng tiếp nhận hồ sơ và trả kết quả tại nhà cho người cao tuổi, người "
        "khuyết tật, người bệnh nặng không thể đến Bộ phận Một cửa.",
        "Chỉ cần gọi điện đến đường dây nóng của Bộ phận Một cửa, người cao tuổi, người khuyết "
        "tật ở xã Bình Hưng được công chức đến tận nhà tiếp nhận hồ sơ, chứng thực và trả kết "
        "quả. Mô hình đã phục vụ gần 300 trường hợp, chủ yếu là chứng thực chữ ký, xác nhận "
        "tình trạng hôn nhân và hồ sơ trợ cấp xã hội.",
        cover_alt="Công chức xã Bình Hưng đến nhà tiếp nhận hồ sơ của một cụ bà cao tuổi",
    ),
    DemoItem(
        "x-binh-hung",
        ACTIVITIES,
        "simplification",
        "Xã Bình Hưng niêm yết công khai bộ thủ tục hành chính cấp xã",
        "UBND xã Bình Hưng cập nhật, niêm yết đầy đủ 312 thủ tục hành chính thuộc thẩm quyền "
        "cấp xã, kèm mã QR để tra cứu trên Cổng Dịch vụ công.",
        "Sau khi chính quyền địa phương hai cấp vận hành, nhiều thủ tục trước đây thuộc cấp "
        "huyện được chuyển về cấp xã giải quyết. UBND xã Bình Hưng đã rà soát, cập nhật và niêm "
        "yết 312 thủ tục hành chính tại Bộ phận Một cửa; mỗi thủ tục có mã QR dẫn đến trang "
        "hướng dẫn trên Cổng Dịch vụ công quốc gia.",
    ),
    DemoItem(
        "x-binh-hung",
        DIRECTION,
        "satisfaction",
        "UBND xã Bình Hưng chỉ đạo nâng cao sự hài lòng của người dân",
        "Chủ tịch UBND xã Bình Hưng yêu cầu phân tích từng ý kiến chưa hài lòng của người dân và "
        "phản hồi trong vòng 3 ngày làm việc.",
        "Qua kết quả đánh giá trên hệ thống, một số người dân chưa hài lòng về thời gian chờ tại "
        "quầy và việc hướng dẫn hồ sơ đất đai. Chủ tịch UBND xã chỉ đạo bổ sung nhân sự vào giờ "
        "cao điểm, xây dựng tài liệu hướng dẫn hồ sơ đất đai bằng hình ảnh và phản hồi mọi ý "
        "kiến trong vòng 3 ngày làm việc.",
        draft=True,
        original_file=True,
        in_review=2,
    ),
    # UBND đặc khu Côn Đảo
    DemoItem(
        "dk-con-dao",
        MODELS,
        "online",
        "Đặc khu Côn Đảo: nộp hồ sơ, nhận kết quả qua dịch vụ bưu chính công ích",
        "Người dân Côn Đảo có thể gửi hồ sơ và nhận kết quả giải quyết thủ tục hành chính tại "
        "nhà qua dịch vụ bưu chính công ích, tiết kiệm thời gian đi lại.",
        "Do đặc thù địa bàn hải đảo, nhiều người dân ở xa trung tâm gặp khó khăn khi đến trụ sở "
        "làm thủ tục. UBND đặc khu phối hợp với Bưu điện Côn Đảo tiếp nhận hồ sơ tại nhà, chuyển "
        "về Bộ phận Một cửa và trả kết quả tận tay người dân.",
        original_file=True,
    ),
    DemoItem(
        "dk-con-dao",
        RESULTS,
        "digitisation",
        "Đặc khu Côn Đảo hoàn thành số hóa dữ liệu hộ tịch",
        "UBND đặc khu Côn Đảo đã số hóa hơn 14.000 trang sổ hộ tịch, bảo đảm dữ liệu khai sinh, "
        "kết hôn, khai tử được khai thác trực tuyến.",
        "Nhiều trang sổ hộ tịch lưu trữ tại Côn Đảo đã ố vàng, mờ chữ do khí hậu biển. Với sự hỗ "
        "trợ của Sở Tư pháp, UBND đặc khu đã số hóa, nhập liệu hơn 14.000 trang sổ vào Cơ sở dữ "
        "liệu hộ tịch điện tử; người dân có thể đề nghị cấp bản sao trích lục trực tuyến.",
    ),
    DemoItem(
        "dk-con-dao",
        ACTIVITIES,
        "one_stop",
        "Đặc khu Côn Đảo đưa vào sử dụng Bộ phận Một cửa mới",
        "Bộ phận Một cửa của UBND đặc khu Côn Đảo được bố trí lại tại tầng trệt trụ sở, có khu "
        "chờ, máy lấy số tự động và góc hỗ trợ nộp hồ sơ trực tuyến.",
        "Sau thời gian cải tạo, Bộ phận Một cửa của UBND đặc khu Côn Đảo đón người dân tại tầng "
        "trệt trụ sở với 8 quầy giao dịch, khu chờ rộng, máy lấy số thứ tự và màn hình tra cứu. "
        "Góc hỗ trợ nộp hồ sơ trực tuyến có máy tính, máy quét và công chức hướng dẫn thường "
        "trực.",
    ),
    DemoItem(
        "dk-con-dao",
        DIRECTION,
        "par_index",
        "Ban Chỉ đạo CCHC đặc khu Côn Đảo đánh giá kết quả 9 tháng năm 2026",
        "Ban Chỉ đạo cải cách hành chính đặc khu Côn Đảo chỉ ra các nhiệm vụ chậm tiến độ và "
        "giải pháp nâng cao Chỉ số CCHC năm 2026.",
        "Tại cuộc họp, Ban Chỉ đạo ghi nhận tỷ lệ hồ sơ giải quyết đúng hạn đạt 99,2%, tỷ lệ hồ "
        "sơ trực tuyến toàn trình đạt 64%. Việc số hóa kết quả giải quyết thủ tục hành chính và "
        "cập nhật thông tin trên cổng thông tin điện tử còn chậm; Trưởng Ban Chỉ đạo yêu cầu hoàn "
        "thành trong quý IV/2026.",
        reference=REF_NQ_76,
    ),
    # Trung tâm Phục vụ hành chính công
    DemoItem(
        "ttpvhcc",
        RESULTS,
        "one_stop",
        "Trung tâm Phục vụ hành chính công tiếp nhận hơn 1,2 triệu hồ sơ sau hơn một năm",
        "Từ ngày 01/7/2025 đến hết tháng 9/2026, Trung tâm Phục vụ hành chính công Thành phố và "
        "các chi nhánh đã tiếp nhận hơn 1,2 triệu hồ sơ, tỷ lệ đúng hạn đạt 98,9%.",
        "Trung tâm Phục vụ hành chính công Thành phố đi vào hoạt động từ ngày 01/7/2025, cùng "
        "thời điểm chính quyền địa phương hai cấp vận hành. Sau hơn một năm, Trung tâm và các "
        "chi nhánh đã tiếp nhận hơn 1,2 triệu hồ sơ của tổ chức, cá nhân, trong đó 72% nộp trực "
        "tuyến.",
        reference=REF_ND_118,
        original_file=True,
    ),
    DemoItem(
        "ttpvhcc",
        MODELS,
        "digital",
        "Ki-ốt tự phục vụ giúp người dân tự làm thủ tục không cần qua quầy",
        "Trung tâm Phục vụ hành chính công đưa vào sử dụng 20 ki-ốt tự phục vụ để người dân tra "
        "cứu, nộp hồ sơ và thanh toán phí, lệ phí.",
        "Người dân đến Trung tâm nay có thể tự xác thực bằng căn cước điện tử tại ki-ốt, chọn "
        "thủ tục, chụp giấy tờ và nộp hồ sơ trong vài phút. Trợ lý ảo trên ki-ốt trả lời các câu "
        "hỏi thường gặp; khi cần, nhân viên hướng dẫn được gọi đến ngay tại chỗ.",
        campaign=DIGITAL,
        cover_alt="Người dân sử dụng ki-ốt tự phục vụ tại Trung tâm Phục vụ hành chính công",
    ),
    DemoItem(
        "ttpvhcc",
        ACTIVITIES,
        "satisfaction",
        "Đánh giá sự hài lòng bằng mã QR ngay tại quầy giao dịch",
        "Sau mỗi lần giao dịch, người dân quét mã QR tại quầy để đánh giá công chức tiếp nhận; "
        "kết quả được tổng hợp hằng ngày.",
        "Mỗi quầy giao dịch của Trung tâm Phục vụ hành chính công đều đặt mã QR gắn với công "
        "chức tiếp nhận. Người dân chỉ cần quét mã để chấm điểm mức độ hài lòng và để lại góp ý; "
        "ý kiến chưa hài lòng được chuyển ngay cho lãnh đạo Trung tâm xem xét.",
    ),
    DemoItem(
        "ttpvhcc",
        ACTIVITIES,
        "digitisation",
        "Tập huấn số hóa hồ sơ cho công chức tiếp nhận tại các chi nhánh",
        "Trung tâm Phục vụ hành chính công tập huấn quy trình số hóa, ký số và lưu trữ hồ sơ "
        "điện tử cho hơn 150 công chức, nhân viên tại các chi nhánh.",
        "Lớp tập huấn hướng dẫn cách quét, kiểm tra chất lượng bản số hóa, gắn mã hồ sơ và ký số "
        "xác nhận bản sao điện tử đúng quy định. Học viên thực hành trên Hệ thống thông tin giải "
        "quyết thủ tục hành chính của Thành phố với các tình huống thường gặp tại quầy.",
    ),
    DemoItem(
        "ttpvhcc",
        DIRECTION,
        "discipline",
        "Không để hồ sơ trễ hạn trong dịp cuối năm",
        "Giám đốc Trung tâm Phục vụ hành chính công yêu cầu các chi nhánh theo dõi sát hồ sơ sắp "
        "đến hạn, chủ động phối hợp với sở, ngành để trả kết quả đúng hẹn.",
        "Dịp cuối năm, số hồ sơ đất đai, xây dựng và đăng ký kinh doanh thường tăng cao. Giám "
        "đốc Trung tâm yêu cầu mỗi chi nhánh cử đầu mối theo dõi hồ sơ sắp đến hạn, nhắc việc "
        "hằng ngày và báo cáo ngay các trường hợp có nguy cơ trễ hạn để phối hợp xử lý.",
        draft=True,
        original_file=True,
        in_review=3,
    ),
]

# Cover images: a plain background and a simple shape, one palette per cover.
PALETTES = [
    ("#0b4f8a", "#f2b705"),
    ("#1b7f5c", "#f5f1e6"),
    ("#b3261e", "#ffd166"),
    ("#3d5a80", "#98c1d9"),
    ("#6a4c93", "#f6c1cc"),
    ("#2a9d8f", "#e9c46a"),
]
