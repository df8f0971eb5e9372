/**
 * Browser sign-in (backend-for-frontend): the only routes that set or clear the session cookie.
 * Machine clients keep sending bearer tokens and never call these.
 */
import { Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AppConfig } from '../../../../config/env';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { Public, SignedIn, type Principal } from '../auth/roles';
import { APP_CONFIG } from '../infra/tokens';
import { ProblemException } from '../http/problem';
import { cookieNames, readCookie, serializeCookie } from './cookies';
import { LogoutResponseDto, MeResponseDto } from './me-response.dto';
import { safeReturnTo, SessionsService } from './sessions.service';

@ApiTags('sign-in')
@Controller('auth')
export class AuthController {
  private readonly cookies: ReturnType<typeof cookieNames>;
  private readonly secure: boolean;

  constructor(
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.secure = config.auth.session.secureCookie;
    this.cookies = cookieNames(this.secure);
  }

  @Get('login')
  @Public()
  @ApiOperation({ summary: 'Starts a browser sign-in at the identity provider (302)' })
  @ApiQuery({ name: 'returnTo', required: false, description: 'A path on this site' })
  @ApiResponse({ status: 302, description: "To the provider's sign-in page" })
  @ApiResponse({ status: 404, description: 'Browser sign-in is not configured (AUTH_OIDC_ISSUER)' })
  async login(@Query('returnTo') returnTo: string | undefined, @Res() reply: FastifyReply) {
    const target = safeReturnTo(typeof returnTo === 'string' ? returnTo : undefined);
    if (!target) {
      throw ProblemException.validation([
        { name: 'returnTo', reason: 'must be a path on this site, such as /console/' },
      ]);
    }
    const { redirectUrl, loginId } = await this.sessions.startLogin(target);
    const cookie = serializeCookie(this.cookies.login, loginId, {
      secure: this.secure,
      maxAgeSeconds: 600,
    });
    return reply
      .header('set-cookie', cookie)
      .header('cache-control', 'no-store')
      .redirect(redirectUrl, 302);
  }

  @Get('callback')
  @Public()
  @ApiOperation({ summary: "The provider's answer: opens a session and goes back (302)" })
  @ApiResponse({ status: 302, description: 'To returnTo, with the session cookie' })
  @ApiResponse({
    status: 400,
    description: 'sign-in-failed: no sign-in under way, bad state, code or ID token',
  })
  @ApiResponse({ status: 404, description: 'Browser sign-in is not configured (AUTH_OIDC_ISSUER)' })
  async callback(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply) {
    const url = new URL(this.sessions.oidc?.config.redirectUri ?? this.config.api.publicBaseUrl);
    url.search = new URL(request.url, 'http://x').search;
    const loginId = readCookie(request.headers.cookie, this.cookies.login);
    const previous = readCookie(request.headers.cookie, this.cookies.session);
    const clearLogin = serializeCookie(this.cookies.login, '', {
      secure: this.secure,
      maxAgeSeconds: 0,
    });
    reply.header('set-cookie', clearLogin);
    const { sessionId, returnTo } = await this.sessions.finishLogin(loginId, url);
    if (previous) await this.sessions.replace(previous); // one live session per browser
    const session = serializeCookie(this.cookies.session, sessionId, { secure: this.secure });
    return reply
      .header('set-cookie', [clearLogin, session])
      .header('cache-control', 'no-store')
      .redirect(returnTo, 302);
  }

  @Get('me')
  @SignedIn()
  @ApiCookieAuth()
  @ApiOperation({ summary: 'The signed-in person (any role, cookie session or bearer token)' })
  @ApiResponse({ status: 200, type: MeResponseDto })
  me(@CurrentPrincipal() p: Principal, @Req() request: AuthenticatedRequest): MeResponseDto {
    return {
      sub: p.sub,
      name: p.name,
      email: p.email,
      roles: p.roles,
      locale: p.locale,
      csrfToken: request.activeSession?.csrfToken,
    };
  }

  @Post('logout')
  @SignedIn()
  @HttpCode(200)
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Ends the browser session (needs X-CSRF-Token); answers logoutUrl' })
  @ApiResponse({ status: 200, type: LogoutResponseDto })
  async logout(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LogoutResponseDto> {
    reply.header(
      'set-cookie',
      serializeCookie(this.cookies.session, '', { secure: this.secure, maxAgeSeconds: 0 }),
    );
    const session = request.activeSession;
    return { logoutUrl: session ? await this.sessions.logout(session) : null };
  }
}
