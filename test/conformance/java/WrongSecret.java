// The legacy Java SDK (aliyun-java-sdk-core, classic HMAC-SHA1 signatures) with a wrong AccessKey
// secret, against the endpoint in ECS_ENDPOINT (host:port, plain HTTP). The SDK compares the string
// to sign the gateway quotes in SignatureDoesNotMatch's message with its own and, when they are
// equal, reports SDK.InvalidAccessKeySecret. Prints what it reported as one JSON object.
import com.aliyuncs.AcsResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.RpcAcsRequest;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.exceptions.ServerException;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.aliyuncs.transform.UnmarshallerContext;

public class WrongSecret {
  /** A typed request, as the generated ECS clients declare them: only typed requests get the check. */
  public static class Regions extends AcsResponse {
    @Override
    public Regions getInstance(UnmarshallerContext context) {
      return this;
    }
  }

  public static class RegionsRequest extends RpcAcsRequest<Regions> {
    public RegionsRequest() {
      super("Ecs", "2014-05-26", "DescribeRegions");
      setSysMethod(MethodType.POST);
    }

    @Override
    public Class<Regions> getResponseClass() {
      return Regions.class;
    }
  }

  public static void main(String[] args) throws Exception {
    String region = System.getenv("ECS_REGION");
    DefaultProfile profile = DefaultProfile.getProfile(region, System.getenv("ECS_ACCESS_KEY_ID"), "not-the-secret");
    DefaultAcsClient client = new DefaultAcsClient(profile);
    RegionsRequest request = new RegionsRequest();
    request.setSysEndpoint(System.getenv("ECS_ENDPOINT"));
    request.setSysProtocol(ProtocolType.HTTP);
    String reported;
    String requestId;
    try {
      client.getAcsResponse(request);
      reported = "no error";
      requestId = "";
    } catch (ServerException e) {
      reported = "server:" + e.getErrCode();
      requestId = e.getRequestId();
    } catch (ClientException e) {
      reported = e.getErrCode();
      requestId = e.getRequestId();
    }
    System.out.println("{\"reported\": \"" + reported + "\", \"requestId\": " + (requestId != null && !requestId.isEmpty()) + "}");
  }
}
